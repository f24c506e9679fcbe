import { expect } from 'chai';
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { EmbeddedServer } from '../../src/embedded-mongo/server.js';
import { runThenKill, startWithClient, stopAll, type Running } from './support.js';

const WRITER = new URL('./fixtures/writer.ts', import.meta.url).pathname;

describe('embedded engine: durability with a data directory', function () {
  this.timeout(60_000);
  let dir: string;
  let running: Running | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-'));
  });
  afterEach(async () => {
    await stopAll(running);
    running = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the process is killed with SIGKILL mid-stream, then every acknowledged write is there after restart', async () => {
    const lastAcked = await runThenKill(WRITER, dir, 15);
    running = await startWithClient({ dbPath: dir }, 'crash');
    const events = running.db.collection('events');
    const count = await events.countDocuments();
    // Everything acknowledged is present; a batch in flight at the kill is all there or not at all.
    expect(count).to.be.at.least((lastAcked + 1) * 20);
    expect(count % 20).to.equal(0);
    const touched = await events.countDocuments({ touched: true });
    expect(touched).to.be.at.least(lastAcked + 1);
  });

  it('when the journal ends in a torn record, then it is dropped and the intact records load', async () => {
    const lastAcked = await runThenKill(WRITER, dir, 5);
    const journal = join(dir, 'journal.bson');
    const sizeBefore = statSync(journal).size;
    appendFileSync(journal, Buffer.from([0x40, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03]));
    running = await startWithClient({ dbPath: dir }, 'crash');
    const count = await running.db.collection('events').countDocuments();
    expect(count).to.be.at.least((lastAcked + 1) * 20);
    expect(count % 20).to.equal(0);
    await running.db.collection('events').insertOne({ _id: 'after-repair' as never });
    await stopAll(running);
    running = await startWithClient({ dbPath: dir }, 'crash');
    expect(await running.db.collection('events').findOne({ _id: 'after-repair' as never })).to.deep.equal({ _id: 'after-repair' });
    expect(sizeBefore).to.be.greaterThan(0);
  });

  it('when stopped cleanly and restarted, then collections, indexes, validators and documents come back', async () => {
    running = await startWithClient({ dbPath: dir }, 'app');
    await running.db.createCollection('people', { validator: { age: { $gte: 0 } } });
    await running.db.collection('people').createIndex({ email: 1 }, { unique: true });
    await running.db.collection('people').insertMany([{ email: 'a@x', age: 1 }, { email: 'b@x', age: 2 }]);
    await running.db.collection('people').deleteOne({ email: 'b@x' });
    await running.db.collection('tmp').insertOne({ a: 1 });
    await running.db.collection('tmp').rename('kept');
    await stopAll(running);

    running = await startWithClient({ dbPath: dir }, 'app');
    const people = running.db.collection('people');
    expect(await people.find({}, { projection: { _id: 0 } }).toArray()).to.deep.equal([{ email: 'a@x', age: 1 }]);
    expect((await people.indexes()).map((i) => i.name)).to.deep.equal(['_id_', 'email_1']);
    expect((await people.insertOne({ email: 'a@x', age: 3 }).catch((e) => e)).code).to.equal(11000);
    expect((await people.insertOne({ email: 'c@x', age: -1 }).catch((e) => e)).code).to.equal(121);
    const names = (await running.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(names).to.deep.equal(['kept', 'people']);
  });

  it('when a checkpoint of many documents is written, then commands are answered between its slices and writes made meanwhile survive a crash', async () => {
    const server = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir, checkpointJournalBytes: 4 << 20 });
    await server.listen();
    const client = await new MongoClient(`mongodb://${server.address}/`).connect();
    try {
      const coll = client.db('app').collection<{ _id: number | string; pad?: string }>('many');
      // One command (the driver's largest batch) takes the journal past the threshold: the checkpoint starts after its answer.
      await coll.insertMany(Array.from({ length: 100_000 }, (_, i) => ({ _id: i, pad: 'z'.repeat(300) })));
      const unfinished = join(dir, 'checkpoint.bson.tmp');
      const during: number[] = [];
      for (let tries = 0; tries < 20_000; tries++) {
        const asked = performance.now();
        await client.db('admin').command({ ping: 1 });
        const waited = performance.now() - asked;
        if (existsSync(unfinished)) {
          during.push(waited);
          if (during.length === 1) await coll.insertOne({ _id: 'written during the checkpoint' });
        } else if (during.length > 0) break;
      }
      // A checkpoint written in one go answers nothing until it is done, so no answer would find it unfinished.
      expect(during.length).to.be.greaterThan(0);
      expect(Math.max(...during)).to.be.lessThan(1_000);
    } finally {
      await client.close();
      // As a crash would leave it: no checkpoint on the way out, so the write made during the last one is in its journal only.
      await server.stop({ checkpoint: false });
    }
    running = await startWithClient({ dbPath: dir }, 'app');
    expect(await running.db.collection('many').countDocuments()).to.equal(100_001);
    expect(await running.db.collection('many').findOne({ _id: 'written during the checkpoint' as never })).to.deep.equal({ _id: 'written during the checkpoint' });
  });

  it('when the journal passes the checkpoint size, then a checkpoint is taken and nothing is lost', async () => {
    running = await startWithClient({ dbPath: dir, checkpointJournalBytes: 64 * 1024 }, 'app');
    const coll = running.db.collection('big');
    for (let i = 0; i < 10; i++) await coll.insertMany(Array.from({ length: 100 }, (_, j) => ({ i, j, pad: 'y'.repeat(100) })));
    await coll.insertOne({ last: true });
    expect(statSync(join(dir, 'journal.bson')).size).to.be.lessThan(64 * 1024);
    expect(statSync(join(dir, 'checkpoint.bson')).size).to.be.greaterThan(64 * 1024);
    await stopAll(running);
    running = await startWithClient({ dbPath: dir }, 'app');
    expect(await running.db.collection('big').countDocuments()).to.equal(1001);
  });
});
