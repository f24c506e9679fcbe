import { expect } from 'chai';
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { startRealMongod } from '../../src/db/real-mongod.js';
import { normalize } from './harness.js';
import { servers } from './servers.js';

/** A case that needs sessions and transactions: on a real mongod those need a replica set. */
export interface TransactionCase {
  /** "when ..., then ..." */
  name: string;
  setup?: (db: Db) => Promise<unknown>;
  /** Returns what must be the same on both servers. */
  action: (db: Db, client: MongoClient) => Promise<unknown>;
  result: unknown;
}

/** What an error is reduced to in a case's result: what drivers act on. */
export async function errorOf(promise: Promise<unknown>): Promise<{ code?: number; codeName?: string; transient: boolean }> {
  try {
    await promise;
  } catch (err) {
    if (!(err instanceof MongoServerError)) throw err;
    return { code: err.code as number, codeName: err.codeName, transient: err.hasErrorLabel('TransientTransactionError') };
  }
  throw new Error('expected the operation to fail');
}

let replicaSet: Promise<{ client: MongoClient; stop(): Promise<void> } | null> | undefined;

/** A one-member replica set, started on first use when a mongod binary can be had. */
function realReplicaSet(): Promise<{ client: MongoClient; stop(): Promise<void> } | null> {
  replicaSet ??= (async () => {
    if (process.env.MONGODB_URI) {
      const client = await new MongoClient(process.env.MONGODB_URI).connect();
      return { client, stop: () => client.close() };
    }
    const started = await startRealMongod({ replSet: true, timeoutMs: 15_000 });
    if ('unavailable' in started) return null;
    const client = await new MongoClient(started.uri).connect();
    return { client, stop: async () => { await client.close(); await started.stop(); } };
  })();
  return replicaSet;
}

async function runOn(client: MongoClient, dbName: string, c: TransactionCase): Promise<unknown> {
  const db = client.db(dbName);
  await db.dropDatabase();
  try {
    if (c.setup) await c.setup(db);
    return normalize(await c.action(db, client));
  } finally {
    await db.dropDatabase().catch(() => undefined);
  }
}

/** Registers cases run on the embedded engine and, when available, on a real replica set; results must match. */
export function transactionConformance(area: string, cases: TransactionCase[]): void {
  describe(`conformance — ${area} — embedded engine and, when available, a real replica set`, function () {
    this.timeout(30_000);
    after(async () => {
      const real = await replicaSet;
      replicaSet = undefined;
      await real?.stop();
    });
    cases.forEach((c, i) => {
      it(c.name, async () => {
        const dbName = `conf_${area.replace(/\W+/g, '_')}_${i}`;
        const embedded = await runOn(servers.embedded.client, dbName, c);
        expect(embedded, 'embedded engine').to.deep.equal(normalize(c.result));
        const real = await realReplicaSet();
        if (!real) return;
        expect(await runOn(real.client, dbName, c), 'real replica set').to.deep.equal(normalize(c.result));
      });
    });
  });
}
