import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Document } from 'mongodb';
import { EXPIRY_BATCH } from '../../src/embedded-mongo/engine.js';
import { EmbeddedServer } from '../../src/embedded-mongo/server.js';
import { startWithClient, stopAll, type Running } from './support.js';

type Doc = { _id: string | number; [field: string]: unknown };
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

describe('embedded engine: TTL indexes', function () {
  this.timeout(30_000);
  let running: Running | undefined;
  afterEach(async () => {
    await stopAll(running);
    running = undefined;
  });

  const ttlMetrics = async (): Promise<{ passes: number; deletedDocuments: number }> => {
    const status = await running!.db.admin().command({ serverStatus: 1 });
    return { passes: Number(status.metrics.ttl.passes), deletedDocuments: Number(status.metrics.ttl.deletedDocuments) };
  };

  /** Waits for two passes of the monitor to begin after now, so one whole pass saw what was written before. */
  const afterTwoPasses = async (): Promise<void> => {
    const start = (await ttlMetrics()).passes;
    while ((await ttlMetrics()).passes < start + 2) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  const ids = async (coll: string): Promise<unknown[]> => (await running!.db.collection(coll).find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id);

  it('when a document holds a date past its TTL index, then the monitor deletes it, and keeps future dates, other types and missing fields', async () => {
    running = await startWithClient({ ttlMonitorSleepSecs: 0.05 });
    const sessions = running.db.collection<Doc>('sessions');
    await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await sessions.insertMany([
      { _id: 'past', expiresAt: ago(1000) },
      { _id: 'future', expiresAt: ago(-HOUR) },
      { _id: 'array with one past date', expiresAt: [ago(-HOUR), ago(1000)] },
      { _id: 'string', expiresAt: '2000-01-01T00:00:00Z' },
      { _id: 'number', expiresAt: 0 },
      { _id: 'missing' },
    ]);
    await afterTwoPasses();
    expect(await ids('sessions')).to.deep.equal(['future', 'missing', 'number', 'string']);
    expect((await ttlMetrics()).deletedDocuments).to.equal(2);
    const parameters = await running.db.admin().command({ getParameter: 1, ttlMonitorSleepSecs: 1, ttlMonitorEnabled: 1 });
    expect([parameters.ttlMonitorSleepSecs, parameters.ttlMonitorEnabled]).to.deep.equal([0.05, true]);
  });

  it('when expireAfterSeconds is an hour, then documents expire an hour after their date, and a partial index expires only its own documents', async () => {
    running = await startWithClient({ ttlMonitorSleepSecs: 0.05 });
    const events = running.db.collection<Doc>('events');
    await events.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
    await events.insertMany([{ _id: 'two hours old', at: ago(2 * HOUR) }, { _id: 'half an hour old', at: ago(HOUR / 2) }]);
    const drafts = running.db.collection<Doc>('drafts');
    await drafts.createIndex({ at: 1 }, { expireAfterSeconds: 0, partialFilterExpression: { kind: 'temporary' } });
    await drafts.insertMany([{ _id: 'temporary', kind: 'temporary', at: ago(1000) }, { _id: 'kept', kind: 'kept', at: ago(1000) }]);
    await afterTwoPasses();
    expect(await ids('events')).to.deep.equal(['half an hour old']);
    expect(await ids('drafts')).to.deep.equal(['kept']);
  });

  it('when collMod shortens a TTL index, then documents it now covers expire at the next pass', async () => {
    running = await startWithClient({ ttlMonitorSleepSecs: 0.05 });
    const events = running.db.collection<Doc>('events');
    await events.createIndex({ at: 1 }, { expireAfterSeconds: 3 * 3600 });
    await events.insertMany([{ _id: 'two hours old', at: ago(2 * HOUR) }]);
    await afterTwoPasses();
    expect(await ids('events')).to.deep.equal(['two hours old']);
    await running.db.command({ collMod: 'events', index: { keyPattern: { at: 1 }, expireAfterSeconds: 3600 } });
    await afterTwoPasses();
    expect(await ids('events')).to.deep.equal([]);
  });

  it('when an open transaction has written an expired document, then the monitor waits for it to end instead of aborting it', async () => {
    running = await startWithClient({ ttlMonitorSleepSecs: 0.05 });
    const keys = running.db.collection<Doc>('keys');
    await keys.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    const expiresAt = ago(1000);
    await keys.insertMany([{ _id: 'held', expiresAt, n: 0 }, { _id: 'free', expiresAt }]);
    const session = running.client.startSession();
    try {
      session.startTransaction();
      await keys.updateOne({ _id: 'held' }, { $set: { n: 1 } }, { session });
      await afterTwoPasses();
      // Outside the transaction the document is still as committed; the one no transaction touched is gone.
      expect(await keys.find().toArray()).to.deep.equal([{ _id: 'held', expiresAt, n: 0 }]);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    await afterTwoPasses();
    expect(await ids('keys')).to.deep.equal([]);
  });

  it(`when more than ${EXPIRY_BATCH} documents expire at once, then one pass deletes them all, a group at a time, answering commands between groups`, async () => {
    running = await startWithClient({ ttlMonitorSleepSecs: 0.05 });
    const logs = running.db.collection<Doc>('logs');
    await logs.createIndex({ at: 1 }, { expireAfterSeconds: 0 });
    const count = EXPIRY_BATCH * 5 + 17;
    await logs.insertMany(Array.from({ length: count }, (_, i) => ({ _id: i, at: ago(HOUR + i) })));
    const seen = new Set<number>();
    while ((await ttlMetrics()).deletedDocuments < count) seen.add(await logs.countDocuments());
    expect(await logs.countDocuments()).to.equal(0);
    // Counts read while the pass went on: groups were deleted whole, and commands were answered between them.
    for (const left of seen) expect(left === 0 || (count - left) % EXPIRY_BATCH === 0, `${left} left`).to.equal(true);
    expect([...seen].some((left) => left > 0 && left < count), [...seen].join(', ')).to.equal(true);
  });

  it('when setParameter turns the monitor off, then nothing expires and no pass runs until it is turned on again', async () => {
    running = await startWithClient({ ttlMonitorSleepSecs: 0.05 });
    const keys = running.db.collection<Doc>('keys');
    await keys.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await running.db.admin().command({ setParameter: 1, ttlMonitorEnabled: false });
    await keys.insertOne({ _id: 'expired', expiresAt: ago(1000) });
    const before = await ttlMetrics();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ttlMetrics()).to.deep.equal(before);
    expect(await ids('keys')).to.deep.equal(['expired']);
    await running.db.admin().command({ setParameter: 1, ttlMonitorEnabled: true });
    await afterTwoPasses();
    expect(await ids('keys')).to.deep.equal([]);
  });

  it('when setParameter shortens the monitor\'s period, then the next pass comes by the new one, not the old', async () => {
    running = await startWithClient();
    const keys = running.db.collection<Doc>('keys');
    await keys.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await keys.insertOne({ _id: 'expired', expiresAt: ago(1000) });
    expect((await running.db.admin().command({ setParameter: 1, ttlMonitorSleepSecs: 1 })).was).to.equal(60);
    const asked = Date.now();
    while ((await ids('keys')).length > 0) {
      expect(Date.now() - asked, 'deleted within two of the new periods').to.be.below(2_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('when a data directory is reopened, then expired documents stay deleted and a TTL index keeps the expiry and the hiding collMod gave it, from the journal alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-ttl-'));
    const run = (server: EmbeddedServer, body: Document) => server.execute({ ...body, $db: 'app' }, 1);
    try {
      const first = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      run(first, { createIndexes: 'keys', indexes: [{ key: { at: 1 }, name: 'at_1', expireAfterSeconds: 10 }] });
      run(first, { insert: 'keys', documents: [{ _id: 'old', at: ago(HOUR) }, { _id: 'new', at: ago(-HOUR) }] });
      first.engine.close();
      const second = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      expect(run(second, { collMod: 'keys', index: { name: 'at_1', expireAfterSeconds: 7200, hidden: true } })).to.include({ expireAfterSeconds_old: 10, expireAfterSeconds_new: 7200, hidden_old: false, hidden_new: true });
      // A hidden TTL index still expires documents.
      expect(second.engine.expire()).to.equal(0);
      expect(second.engine.expire(new Date(Date.now() + 2 * HOUR))).to.equal(1);
      // As a crash leaves it: the deletion and the index change are in the journal only.
      second.engine.abandon();
      const third = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      try {
        expect(run(third, { find: 'keys', filter: {} }).cursor.firstBatch.map((d: Document) => d._id)).to.deep.equal(['new']);
        expect(third.engine.catalog.get('app', 'keys')!.indexes.get('at_1')!.spec).to.include({ expireAfterSeconds: 7200, hidden: true });
        // Unhiding removes the option rather than setting it false, and that too is replayed.
        run(third, { collMod: 'keys', index: { name: 'at_1', hidden: false } });
      } finally {
        third.engine.abandon();
      }
      const fourth = new EmbeddedServer({ port: 0, host: '127.0.0.1', dbPath: dir });
      try {
        expect(fourth.engine.catalog.get('app', 'keys')!.indexes.get('at_1')!.spec).to.include({ expireAfterSeconds: 7200 }).and.not.have.property('hidden');
      } finally {
        fourth.engine.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
