import { expect } from 'chai';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
