import { expect } from 'chai';
import { Long, UUID, type Document } from 'bson';
import { MongoClient, MongoServerError, type ClientSession } from 'mongodb';
import mongoose from 'mongoose';
import { EmbeddedServer } from '../../src/embedded-mongo/server.js';
import { startWithClient, stopAll, type Running } from './support.js';

/** The server error a promise fails with. */
async function failure(promise: Promise<unknown>): Promise<MongoServerError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(MongoServerError);
    return err as MongoServerError;
  }
  throw new Error('expected the operation to fail');
}

describe('embedded engine: sessions and multi-document transactions', () => {
  let running: Running;
  const sessions: ClientSession[] = [];
  const session = () => {
    const s = running.client.startSession();
    sessions.push(s);
    return s;
  };

  beforeEach(async () => {
    running = await startWithClient();
    await running.db.collection('records').insertMany([{ _id: 1, v: 0 } as never, { _id: 2, v: 0 } as never]);
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.endSession().catch(() => undefined);
    await stopAll(running);
  });

  it('when withTransaction writes to three collections, then all land together on commit', async () => {
    const s = session();
    await s.withTransaction(async () => {
      await running.db.collection('records').updateOne({ _id: 1 as never }, { $set: { v: 1 } }, { session: s });
      await running.db.collection('revisions').insertOne({ record: 1, v: 1 }, { session: s });
      await running.db.collection('audit').insertOne({ what: 'update' }, { session: s });
    });
    expect(await running.db.collection('records').findOne({ _id: 1 as never })).to.deep.equal({ _id: 1, v: 1 });
    expect(await running.db.collection('revisions').countDocuments()).to.equal(1);
    expect(await running.db.collection('audit').countDocuments()).to.equal(1);
  });

  it('when Mongoose runs connection.transaction() and the callback throws, then nothing is written; when it returns, then all is', async () => {
    const conn = await mongoose.createConnection(`${running.server.uri}test`).asPromise();
    try {
      const Record = conn.model('Record', new mongoose.Schema({ _id: Number, v: Number }), 'records');
      const Audit = conn.model('Audit', new mongoose.Schema({ what: String }), 'audit');
      const failed = await conn
        .transaction(async (s) => {
          await Record.updateOne({ _id: 1 }, { $set: { v: 5 } }, { session: s });
          await Audit.create([{ what: 'update' }], { session: s });
          throw new Error('audit refused');
        })
        .catch((err: Error) => err.message);
      expect(failed).to.equal('audit refused');
      expect(await Audit.countDocuments()).to.equal(0);
      expect((await Record.findById(1).lean())?.v).to.equal(0);
      await conn.transaction(async (s) => {
        await Record.updateOne({ _id: 1 }, { $set: { v: 6 } }, { session: s });
        await Audit.create([{ what: 'update' }], { session: s });
      });
      expect(await Audit.countDocuments()).to.equal(1);
      expect((await Record.findById(1).lean())?.v).to.equal(6);
    } finally {
      await conn.close();
    }
  });

  it('when a transaction has written, then other clients do not see it before commit and its own reads do', async () => {
    const s = session();
    s.startTransaction();
    await running.db.collection('records').updateOne({ _id: 1 as never }, { $set: { v: 9 } }, { session: s });
    await running.db.collection('records').insertOne({ _id: 3, v: 3 } as never, { session: s });
    expect(await running.db.collection('records').findOne({ _id: 1 as never }, { session: s })).to.deep.equal({ _id: 1, v: 9 });
    expect(await running.db.collection('records').countDocuments({}, { session: s })).to.equal(3);
    expect(await running.db.collection('records').findOne({ _id: 1 as never })).to.deep.equal({ _id: 1, v: 0 });
    expect(await running.db.collection('records').countDocuments()).to.equal(2);
    await s.commitTransaction();
    expect(await running.db.collection('records').countDocuments({ v: { $gt: 0 } })).to.equal(2);
  });

  it('when a transaction is aborted, then none of its writes remain', async () => {
    const s = session();
    s.startTransaction();
    await running.db.collection('records').deleteOne({ _id: 2 as never }, { session: s });
    await running.db.collection('fresh').insertOne({ a: 1 }, { session: s });
    await s.abortTransaction();
    expect(await running.db.collection('records').countDocuments()).to.equal(2);
    expect(await running.db.listCollections({ name: 'fresh' }).toArray()).to.have.length(0);
  });

  it('when another client commits after the transaction started, then the transaction still reads its snapshot', async () => {
    const s = session();
    s.startTransaction();
    expect(await running.db.collection('records').findOne({ _id: 2 as never }, { session: s })).to.deep.equal({ _id: 2, v: 0 });
    await running.db.collection('records').updateOne({ _id: 2 as never }, { $set: { v: 5 } });
    await running.db.collection('records').insertOne({ _id: 7, v: 7 } as never);
    await running.db.collection('records').deleteOne({ _id: 1 as never });
    const seen = await running.db.collection('records').find({}, { session: s, sort: { _id: 1 } }).toArray();
    expect(seen).to.deep.equal([{ _id: 1, v: 0 }, { _id: 2, v: 0 }]);
    await s.commitTransaction();
  });

  it('when two transactions write the same document, then the later fails with WriteConflict and a transient label', async () => {
    const first = session();
    const second = session();
    first.startTransaction();
    second.startTransaction();
    await running.db.collection('records').updateOne({ _id: 1 as never }, { $set: { v: 1 } }, { session: first });
    const err = await failure(running.db.collection('records').updateOne({ _id: 1 as never }, { $set: { v: 2 } }, { session: second }));
    expect(err.code).to.equal(112);
    expect(err.codeName).to.equal('WriteConflict');
    expect(err.hasErrorLabel('TransientTransactionError')).to.equal(true);
    const later = await failure(second.commitTransaction());
    expect(later.code).to.equal(251);
    await first.commitTransaction();
    expect(await running.db.collection('records').findOne({ _id: 1 as never })).to.deep.equal({ _id: 1, v: 1 });
  });

  it('when a document changed after the snapshot is written, then the write conflicts', async () => {
    const s = session();
    s.startTransaction();
    await running.db.collection('records').findOne({ _id: 2 as never }, { session: s });
    await running.db.collection('records').updateOne({ _id: 1 as never }, { $set: { v: 4 } });
    const err = await failure(running.db.collection('records').updateOne({ _id: 1 as never }, { $set: { v: 5 } }, { session: s }));
    expect(err.code).to.equal(112);
    await s.abortTransaction().catch(() => undefined);
  });

  it('when withTransaction callbacks race on one document, then the loser is retried and both increments count', async () => {
    const bump = async () => {
      const s = session();
      await s.withTransaction(async () => {
        const doc = await running.db.collection('records').findOne({ _id: 1 as never }, { session: s });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await running.db.collection('records').updateOne({ _id: 1 as never }, { $set: { v: (doc!.v as number) + 1 } }, { session: s });
      });
    };
    await Promise.all([bump(), bump(), bump()]);
    expect(await running.db.collection('records').findOne({ _id: 1 as never })).to.deep.equal({ _id: 1, v: 3 });
  });

  it('when a transaction inserts a unique value already committed or already in its own writes, then it is a duplicate key', async () => {
    await running.db.collection('people').createIndex({ rut: 1 }, { unique: true });
    await running.db.collection('people').insertOne({ rut: '1-9' });
    const s = session();
    s.startTransaction();
    expect((await failure(running.db.collection('people').insertOne({ rut: '1-9' }, { session: s }))).code).to.equal(11000);
    const t = session();
    t.startTransaction();
    await running.db.collection('people').insertOne({ rut: '2-7' }, { session: t });
    expect((await failure(running.db.collection('people').insertOne({ rut: '2-7' }, { session: t }))).code).to.equal(11000);
  });

  it('when a retryable write is sent twice with the same txnNumber, then it is applied once and the same reply returns', async () => {
    const lsid = session();
    const command = { update: 'records', updates: [{ q: { _id: 1 }, u: { $inc: { v: 10 } } }], txnNumber: Long.fromNumber(1) };
    const first = await running.db.command(command, { session: lsid });
    const retry = await running.db.command(command, { session: lsid });
    expect(retry.nModified).to.equal(first.nModified);
    expect(await running.db.collection('records').findOne({ _id: 1 as never })).to.deep.equal({ _id: 1, v: 10 });
    await running.db.command({ ...command, txnNumber: Long.fromNumber(2) }, { session: lsid });
    expect(await running.db.collection('records').findOne({ _id: 1 as never })).to.deep.equal({ _id: 1, v: 20 });
    const stale = await failure(running.db.command({ ...command, txnNumber: Long.fromNumber(1) }, { session: lsid }));
    expect(stale.code).to.equal(225);
  });

  it('when a command waits for a transaction, then the commands after it on its connection are answered after it, in order', async () => {
    // One connection: the unacknowledged write goes out and returns at once, and the read follows it on the same socket.
    const single = await new MongoClient(running.server.uri, { maxPoolSize: 1 }).connect();
    try {
      const s = session();
      s.startTransaction();
      await running.db.collection('records').updateOne({ _id: 1 as never }, { $set: { v: 1 } }, { session: s });
      const records = single.db('test').collection('records');
      await records.updateOne({ _id: 1 as never }, { $inc: { v: 10 } }, { writeConcern: { w: 0 } });
      let read: unknown;
      const reading = records.findOne({ _id: 1 as never }).then((doc) => (read = doc));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(read, 'answered before the write it follows').to.equal(undefined);
      await s.commitTransaction();
      await reading;
      expect(read).to.deep.equal({ _id: 1, v: 11 });
    } finally {
      await single.close();
    }
  });
});

describe('embedded engine: the transaction protocol, command by command', () => {
  let server: EmbeddedServer;
  const run = (body: Document) => server.execute({ ...body, $db: 'test' }, 1);
  const txn = (lsid: Document, n: number, extra: Document = {}) => ({ lsid, txnNumber: Long.fromNumber(n), autocommit: false, ...extra });

  beforeEach(async () => {
    server = new EmbeddedServer({ port: 0, host: '127.0.0.1', transactionLifetimeLimitSeconds: 0.1 });
    await server.listen();
    run({ insert: 'records', documents: [{ _id: 1, v: 0 }, { _id: 2, v: 0 }] });
  });
  afterEach(() => server.stop());

  it('when commit, abort or a statement name an unknown or finished transaction, then mongod\'s codes come back', () => {
    const lsid = { id: new UUID() };
    const commit = run({ commitTransaction: 1, ...txn(lsid, 5) });
    expect(commit).to.include({ ok: 0, code: 251, codeName: 'NoSuchTransaction' });
    expect(commit.errorLabels).to.deep.equal(['TransientTransactionError']);
    expect(run({ abortTransaction: 1, ...txn(lsid, 5) })).to.include({ ok: 0, code: 251 });
    expect(run({ find: 'records', ...txn(lsid, 6, { startTransaction: true }) })).to.include({ ok: 1 });
    expect(run({ count: 'records', ...txn(lsid, 6) })).to.include({ ok: 0, code: 263, codeName: 'OperationNotSupportedInTransaction' });
    expect(run({ commitTransaction: 1, ...txn(lsid, 6) })).to.include({ ok: 1 });
    // A retried commit succeeds; anything else on a committed transaction is TransactionCommitted.
    expect(run({ commitTransaction: 1, ...txn(lsid, 6) })).to.include({ ok: 1 });
    expect(run({ abortTransaction: 1, ...txn(lsid, 6) })).to.include({ ok: 0, code: 256, codeName: 'TransactionCommitted' });
    expect(run({ find: 'records', ...txn(lsid, 4, { startTransaction: true }) })).to.include({ ok: 0, code: 225, codeName: 'TransactionTooOld' });
    expect(run({ find: 'records', ...txn(lsid, 7) })).to.include({ ok: 0, code: 251 });
  });

  it('when a session ends, then its open transaction is aborted and its writes are gone', () => {
    const lsid = { id: new UUID() };
    run({ update: 'records', updates: [{ q: { _id: 1 }, u: { $set: { v: 1 } } }], ...txn(lsid, 1, { startTransaction: true }) });
    expect(run({ endSessions: [lsid] })).to.include({ ok: 1 });
    expect(run({ commitTransaction: 1, ...txn(lsid, 1) })).to.include({ ok: 0, code: 251 });
    expect(server.engine.sessions.openTransactions).to.equal(0);
    expect(run({ find: 'records', filter: { _id: 1 } }).cursor.firstBatch).to.deep.equal([{ _id: 1, v: 0 }]);
  });

  it('when a transaction outlives transactionLifetimeLimitSeconds, then it is aborted and another may write its documents', async () => {
    const lsid = { id: new UUID() };
    run({ update: 'records', updates: [{ q: { _id: 1 }, u: { $set: { v: 1 } } }], ...txn(lsid, 1, { startTransaction: true }) });
    const blocked = run({ update: 'records', updates: [{ q: { _id: 1 }, u: { $set: { v: 2 } } }], ...txn({ id: new UUID() }, 1, { startTransaction: true }) });
    expect(blocked).to.include({ ok: 0, code: 112 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const other = { id: new UUID() };
    expect(run({ update: 'records', updates: [{ q: { _id: 1 }, u: { $set: { v: 2 } } }], ...txn(other, 1, { startTransaction: true }) })).to.include({ ok: 1, nModified: 1 });
    expect(run({ commitTransaction: 1, ...txn(other, 1) })).to.include({ ok: 1 });
    expect(run({ commitTransaction: 1, ...txn(lsid, 1) })).to.include({ ok: 0, code: 251 });
    expect(run({ find: 'records', filter: { _id: 1 } }).cursor.firstBatch).to.deep.equal([{ _id: 1, v: 2 }]);
  });

  it('when a retryable findAndModify is retried, then the stored reply returns and the document changes once', () => {
    const lsid = { id: new UUID() };
    const command = { findAndModify: 'records', query: { _id: 2 }, update: { $inc: { v: 1 } }, new: true, lsid, txnNumber: Long.fromNumber(3) };
    const first = run(command);
    const retry = run(command);
    expect(retry.value).to.deep.equal({ _id: 2, v: 1 });
    expect(first.value).to.deep.equal(retry.value);
    expect(run({ find: 'records', filter: { _id: 2 } }).cursor.firstBatch).to.deep.equal([{ _id: 2, v: 1 }]);
  });
});
