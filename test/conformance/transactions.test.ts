import type { Db, MongoClient } from 'mongodb';
import { errorOf, transactionConformance } from './replica-set.js';

const seed = (db: Db) => db.collection('records').insertMany([{ _id: 1, v: 0 } as never, { _id: 2, v: 0 } as never]);
const records = (db: Db) => db.collection<{ _id: number; v: number; log?: string[] }>('records');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes a document inside a transaction, then the same document outside it; says whether the outside write was still
 * waiting after `ms`, then ends the transaction with `end` and gives the outside write's outcome and the document.
 */
async function writeBehindTransaction(db: Db, client: MongoClient, end: 'commit' | 'abort', outside: { maxTimeMS?: number } = {}) {
  const s = client.startSession();
  try {
    s.startTransaction();
    await records(db).updateOne({ _id: 1 }, { $set: { v: 1 }, $push: { log: 'inside' } }, { session: s });
    let settled = false;
    const plain = records(db).updateOne({ _id: 1 }, { $push: { log: 'outside' } }, outside).then(
      (result) => ({ modified: result.modifiedCount }),
      (err: { code?: number; codeName?: string }) => ({ code: err.code, codeName: err.codeName }),
    ).finally(() => (settled = true));
    await pause(300);
    const waited = !settled;
    const outcome = outside.maxTimeMS === undefined ? undefined : await plain;
    if (end === 'commit') await s.commitTransaction();
    else await s.abortTransaction();
    return { waited, outside: outcome ?? (await plain), after: await records(db).findOne({ _id: 1 }) };
  } finally {
    await s.endSession();
  }
}

transactionConformance('transactions', [
  {
    name: 'when a transaction commits writes to two collections, then both are visible afterwards and neither before',
    setup: seed,
    action: async (db, client: MongoClient) => {
      const s = client.startSession();
      try {
        s.startTransaction();
        await records(db).updateOne({ _id: 1 }, { $set: { v: 1 } }, { session: s });
        await db.collection('audit').insertOne({ _id: 'a1' } as never, { session: s });
        const before = { record: await records(db).findOne({ _id: 1 }), audit: await db.collection('audit').countDocuments() };
        await s.commitTransaction();
        return { before, after: { record: await records(db).findOne({ _id: 1 }), audit: await db.collection('audit').countDocuments() } };
      } finally {
        await s.endSession();
      }
    },
    result: { before: { record: { _id: 1, v: 0 }, audit: 0 }, after: { record: { _id: 1, v: 1 }, audit: 1 } },
  },
  {
    name: 'when a transaction is aborted, then its writes leave no trace',
    setup: seed,
    action: async (db, client) => {
      const s = client.startSession();
      try {
        s.startTransaction();
        await records(db).deleteOne({ _id: 2 }, { session: s });
        await records(db).insertOne({ _id: 3, v: 3 }, { session: s });
        const inside = await records(db).find({}, { session: s, sort: { _id: 1 } }).toArray();
        await s.abortTransaction();
        return { inside, after: await records(db).find({}, { sort: { _id: 1 } }).toArray() };
      } finally {
        await s.endSession();
      }
    },
    result: { inside: [{ _id: 1, v: 0 }, { _id: 3, v: 3 }], after: [{ _id: 1, v: 0 }, { _id: 2, v: 0 }] },
  },
  {
    name: 'when a write outside any transaction meets a document a transaction has written, then it waits for the commit and applies after it',
    setup: seed,
    action: (db, client) => writeBehindTransaction(db, client, 'commit'),
    result: { waited: true, outside: { modified: 1 }, after: { _id: 1, v: 1, log: ['inside', 'outside'] } },
  },
  {
    name: 'when a write outside any transaction waits for a transaction that aborts, then it applies to the document as it was',
    setup: seed,
    action: (db, client) => writeBehindTransaction(db, client, 'abort'),
    result: { waited: true, outside: { modified: 1 }, after: { _id: 1, v: 0, log: ['outside'] } },
  },
  {
    name: 'when a write outside any transaction waits past its maxTimeMS, then it fails with MaxTimeMSExpired (50) and the transaction still commits',
    setup: seed,
    action: (db, client) => writeBehindTransaction(db, client, 'commit', { maxTimeMS: 100 }),
    result: { waited: false, outside: { code: 50, codeName: 'MaxTimeMSExpired' }, after: { _id: 1, v: 1, log: ['inside'] } },
  },
  {
    name: 'when another client commits after the snapshot, then the transaction keeps reading its snapshot',
    setup: seed,
    action: async (db, client) => {
      const s = client.startSession();
      try {
        s.startTransaction();
        const first = await records(db).findOne({ _id: 2 }, { session: s });
        await records(db).updateOne({ _id: 2 }, { $set: { v: 9 } });
        const again = await records(db).findOne({ _id: 2 }, { session: s });
        await s.commitTransaction();
        return { first, again };
      } finally {
        await s.endSession();
      }
    },
    result: { first: { _id: 2, v: 0 }, again: { _id: 2, v: 0 } },
  },
  {
    name: 'when two transactions write one document, then the second gets WriteConflict (112) labelled transient and cannot commit',
    setup: seed,
    action: async (db, client) => {
      const a = client.startSession();
      const b = client.startSession();
      try {
        a.startTransaction();
        b.startTransaction();
        await records(db).updateOne({ _id: 1 }, { $set: { v: 1 } }, { session: a });
        const conflict = await errorOf(records(db).updateOne({ _id: 1 }, { $set: { v: 2 } }, { session: b }));
        const commit = await errorOf(b.commitTransaction());
        await a.commitTransaction();
        return { conflict, commit, final: await records(db).findOne({ _id: 1 }) };
      } finally {
        await a.endSession();
        await b.endSession();
      }
    },
    result: {
      conflict: { code: 112, codeName: 'WriteConflict', transient: true },
      commit: { code: 251, codeName: 'NoSuchTransaction', transient: true },
      final: { _id: 1, v: 1 },
    },
  },
  {
    name: 'when two open transactions insert the same unique key, then the second gets WriteConflict (112) labelled transient, and once the first commits a retry gets DuplicateKey',
    setup: (db) => db.collection('accounts').createIndex({ email: 1 }, { unique: true }),
    action: async (db, client) => {
      const accounts = db.collection<{ _id: number; email: string }>('accounts');
      const a = client.startSession();
      const b = client.startSession();
      try {
        a.startTransaction();
        b.startTransaction();
        await accounts.insertOne({ _id: 1, email: 'ana@example.test' }, { session: a });
        const conflict = await errorOf(accounts.insertOne({ _id: 2, email: 'ana@example.test' }, { session: b }));
        await b.abortTransaction();
        await a.commitTransaction();
        b.startTransaction();
        const retry = await errorOf(accounts.insertOne({ _id: 2, email: 'ana@example.test' }, { session: b }));
        await b.abortTransaction();
        return { conflict, retry: retry && { code: retry.code }, stored: await accounts.find().toArray() };
      } finally {
        await a.endSession();
        await b.endSession();
      }
    },
    result: {
      conflict: { code: 112, codeName: 'WriteConflict', transient: true },
      retry: { code: 11000 },
      stored: [{ _id: 1, email: 'ana@example.test' }],
    },
  },
  {
    name: 'when another client commits a unique key after the snapshot, then inserting it in the transaction gets WriteConflict (112)',
    setup: async (db) => {
      await seed(db);
      await db.collection('accounts').createIndex({ email: 1 }, { unique: true });
    },
    action: async (db, client) => {
      const accounts = db.collection<{ _id: number; email: string }>('accounts');
      const a = client.startSession();
      try {
        a.startTransaction();
        await records(db).findOne({ _id: 1 }, { session: a });
        await accounts.insertOne({ _id: 1, email: 'bo@example.test' });
        const conflict = await errorOf(accounts.insertOne({ _id: 2, email: 'bo@example.test' }, { session: a }));
        return { conflict, stored: await accounts.find().toArray() };
      } finally {
        await a.endSession();
      }
    },
    result: { conflict: { code: 112, codeName: 'WriteConflict', transient: true }, stored: [{ _id: 1, email: 'bo@example.test' }] },
  },
  {
    name: 'when withTransaction races three increments on one document, then retries make all three count',
    setup: seed,
    action: async (db, client) => {
      const bump = async () => {
        const s = client.startSession();
        try {
          await s.withTransaction(async () => {
            const doc = await records(db).findOne({ _id: 1 }, { session: s });
            await new Promise((resolve) => setTimeout(resolve, 5));
            await records(db).updateOne({ _id: 1 }, { $set: { v: doc!.v + 1 } }, { session: s });
          });
        } finally {
          await s.endSession();
        }
      };
      await Promise.all([bump(), bump(), bump()]);
      return records(db).findOne({ _id: 1 });
    },
    result: { _id: 1, v: 3 },
  },
  {
    name: 'when a retryable insert is resent with the same txnNumber, then the document is inserted once',
    action: async (db, client) => {
      const s = client.startSession();
      try {
        const { Long } = await import('bson');
        // Server sessions are pooled: the number must follow the last one the driver used on this
        // one, and the driver is then moved past it so its own later writes do not reuse it.
        await db.collection('once').insertOne({ _id: 0 } as never, { session: s });
        const txnNumber = s.serverSession!.txnNumber + 1;
        const command = { insert: 'once', documents: [{ _id: 1 }], txnNumber: Long.fromNumber(txnNumber) };
        const first = await db.command(command, { session: s });
        const retry = await db.command(command, { session: s });
        s.incrementTransactionNumber();
        s.incrementTransactionNumber();
        await db.collection('once').insertOne({ _id: 2 } as never, { session: s });
        return { first: first.n, retry: retry.n, ok: retry.ok, count: await db.collection('once').countDocuments() };
      } finally {
        await s.endSession();
      }
    },
    result: { first: 1, retry: 1, ok: 1, count: 3 },
  },
]);
