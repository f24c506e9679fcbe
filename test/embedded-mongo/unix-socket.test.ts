import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { chooseDatabase } from '../../src/db/chooser.js';

/** Whether a server answers ping at `uri`, through a client of its own. */
async function answersPing(uri: string, db = 'admin'): Promise<boolean> {
  const client = await new MongoClient(uri).connect();
  try {
    return (await client.db(db).command({ ping: 1 })).ok === 1;
  } finally {
    await client.close();
  }
}

describe('embedded engine: the Unix domain socket (skipped on Windows, which has none)', function () {
  this.timeout(20_000);
  before(function () {
    if (process.platform === 'win32') {
      process.stdout.write('      skipped: Windows has no Unix domain sockets, so the engine never makes one\n');
      this.skip(); // skipped because Windows has no Unix domain sockets, so the engine never makes one
    }
  });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'engine-socket-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when a socket prefix is given, then the engine also listens on <prefix>/mongodb-<port>.sock for its owner only, serves the driver there as over TCP, and removes the file when it stops', async () => {
    const engine = await startEmbeddedMongo({ unixSocketPrefix: dir });
    const socketPath = join(dir, `mongodb-${engine.port}.sock`);
    try {
      expect(engine.socketUri).to.equal(`mongodb://${encodeURIComponent(socketPath)}/?directConnection=true`);
      expect(statSync(socketPath).isSocket()).to.equal(true);
      expect(statSync(socketPath).mode & 0o777).to.equal(0o700);
      const overSocket = await new MongoClient(engine.socketUri!).connect();
      const overTcp = await new MongoClient(engine.uri).connect();
      try {
        // One engine behind both: a write through the socket is read over TCP, and a transaction commits through it.
        await overSocket.db('s').collection('notes').insertOne({ _id: 'one' as never, n: 1 });
        expect(await overTcp.db('s').collection('notes').findOne({ _id: 'one' as never })).to.deep.equal({ _id: 'one', n: 1 });
        const session = overSocket.startSession();
        try {
          await session.withTransaction(() => overSocket.db('s').collection('notes').updateOne({ _id: 'one' as never }, { $inc: { n: 1 } }, { session }));
        } finally {
          await session.endSession();
        }
        expect(await overTcp.db('s').collection('notes').findOne({ _id: 'one' as never })).to.deep.equal({ _id: 'one', n: 2 });
      } finally {
        await overSocket.close();
        await overTcp.close();
      }
    } finally {
      await engine.stop();
    }
    expect(existsSync(socketPath)).to.equal(false);
  });

  it('when a file is left at the socket\'s path by a server that died, then the engine replaces it', async () => {
    const first = await startEmbeddedMongo();
    const port = first.port;
    await first.stop();
    writeFileSync(join(dir, `mongodb-${port}.sock`), 'left behind');
    const engine = await startEmbeddedMongo({ port, unixSocketPrefix: dir });
    try {
      expect(await answersPing(engine.socketUri!)).to.equal(true);
    } finally {
      await engine.stop();
    }
  });

  it('when the socket cannot be made, then the engine says so in its log and serves over TCP alone', async () => {
    const logged: string[] = [];
    const engine = await startEmbeddedMongo({ unixSocketPrefix: join(dir, 'missing'), log: (line) => logged.push(line) });
    try {
      expect(engine.socketUri).to.equal(undefined);
      expect(logged.join('\n')).to.match(/not listening on a Unix domain socket: .*missing\/mongodb-\d+\.sock/);
      expect(await answersPing(engine.uri)).to.equal(true);
    } finally {
      await engine.stop();
    }
  });

  it('when the service starts its embedded engine, then it connects through the engine\'s socket (skipped where a real mongod was started instead)', async function () {
    const choice = await chooseDatabase({ dataDir: dir, downloadTimeoutMs: 1_000 });
    try {
      if (choice.source !== 'embedded') {
        process.stdout.write('      skipped: a real mongod was started instead, reached by its own URI, not the engine\'s socket\n');
        this.skip(); // skipped because a real mongod was started instead, reached by its own URI, not the engine's socket
      }
      expect(choice.uri).to.match(/^mongodb:\/\/%2F[^/]*mongodb-\d+\.sock\/\?directConnection=true$/);
      expect(await answersPing(choice.uri, choice.name)).to.equal(true);
    } finally {
      await choice.stop();
    }
  });
});
