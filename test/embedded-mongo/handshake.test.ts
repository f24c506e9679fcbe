import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { startWithClient, stopAll, type Running } from './support.js';

describe('embedded engine: handshake and server commands', () => {
  let running: Running;
  before(async () => {
    running = await startWithClient();
  });
  after(() => stopAll(running));

  it('when a driver says hello, then the server presents itself as a single-member replica set primary on wire version 21', async () => {
    const hello = await running.db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).to.equal(true);
    expect(hello.secondary).to.equal(false);
    expect(hello.maxWireVersion).to.equal(21);
    expect(hello.minWireVersion).to.equal(0);
    expect(hello.setName).to.be.a('string');
    expect(hello.hosts).to.deep.equal([`127.0.0.1:${running.server.port}`]);
    expect(hello.primary).to.equal(hello.me);
    expect(hello.maxBsonObjectSize).to.equal(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).to.equal(48_000_000);
    expect(hello.maxWriteBatchSize).to.equal(100_000);
    expect(hello.logicalSessionTimeoutMinutes).to.equal(30);
    expect(hello.topologyVersion.processId).to.exist;
    expect(hello.lastWrite.opTime.ts).to.exist;
    expect(hello.compression).to.equal(undefined);
  });

  it('when a command is run, then the reply carries $clusterTime and operationTime as a replica set does', async () => {
    const reply = await running.db.command({ ping: 1 });
    expect(reply.ok).to.equal(1);
    expect(reply.$clusterTime.clusterTime).to.exist;
    expect(reply.operationTime).to.exist;
  });

  it('when buildInfo is asked, then the version is 7.0.0', async () => {
    const info = await running.db.admin().command({ buildInfo: 1 });
    expect(info.version).to.equal('7.0.0');
  });

  it('when an unknown command is sent, then the reply is CommandNotFound (59)', async () => {
    const err = await running.db.command({ frobnicate: 1 }).catch((e: unknown) => e as { code: number; codeName: string; message: string });
    expect(err).to.include({ code: 59, codeName: 'CommandNotFound' });
    expect(err.message).to.equal("no such command: 'frobnicate'");
  });

  it('when listDatabases, dbStats and serverStatus are asked, then each answers ok with its basic fields', async () => {
    await running.db.collection('stats').insertOne({ a: 1 });
    const list = await running.db.admin().command({ listDatabases: 1 });
    expect(list.databases.map((d: { name: string }) => d.name)).to.include('test');
    const stats = await running.db.command({ dbStats: 1 });
    expect(stats).to.include({ db: 'test', objects: 1, collections: 1 });
    const status = await running.db.admin().command({ serverStatus: 1 });
    expect(status.version).to.equal('7.0.0');
  });
});

describe('embedded engine: topology discovery', () => {
  let server: EmbeddedMongo;
  before(async () => {
    server = await startEmbeddedMongo();
  });
  after(() => server.stop());

  for (const suffix of ['', '?directConnection=true']) {
    it(`when a client connects with "${suffix || 'the default URI'}" and keeps the monitor streaming, then it keeps working past several heartbeats`, async () => {
      const client = new MongoClient(server.uri + suffix, { heartbeatFrequencyMS: 500, serverSelectionTimeoutMS: 3000 });
      const failures: unknown[] = [];
      client.on('serverHeartbeatFailed', (e) => failures.push(e));
      let heartbeats = 0;
      client.on('serverHeartbeatSucceeded', () => heartbeats++);
      await client.connect();
      await client.db('x').collection('y').insertOne({ a: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1700));
      expect(await client.db('x').collection('y').countDocuments()).to.be.greaterThan(0);
      expect(failures).to.deep.equal([]);
      // Streaming answers every heartbeatFrequencyMS: neither silent nor spinning.
      expect(heartbeats).to.be.within(2, 12);
      await client.close();
    });
  }
});
