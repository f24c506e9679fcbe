import { EJSON, type Decimal128, type Document, type Long, type ObjectId } from 'bson';
import { expect } from 'chai';
import { MongoServerError, type Db, type MongoClient } from 'mongodb';
import { servers, type Target } from './servers.js';

/** What an action produced: its result, or the server's error reduced to the fields cases compare. */
export type Outcome = { result: unknown } | { error: Document };

export interface ConformanceCase {
  /** "when ..., then ..." */
  name: string;
  setup?: (db: Db) => Promise<unknown>;
  action: (db: Db, client: MongoClient) => Promise<unknown>;
  /** The exact result (compared after `normalize`). */
  result?: unknown;
  /** The error: every field given must match; `message` may be a RegExp. */
  error?: { code: number; codeName?: string; message?: string | RegExp } & Document;
  /** Further assertions on the outcome, for results with volatile parts. */
  check?: (outcome: Outcome) => void;
  /** What of the outcome must be identical on both servers (default: the whole normalized outcome). */
  same?: (outcome: Outcome) => unknown;
  /**
   * A documented difference of the embedded engine: there it must give `result` instead, for the reason given
   * (shown in the test title); a real mongod is still held to the case's own expectation.
   */
  embeddedDiffers?: { why: string; result: unknown };
}

const VOLATILE_KEYS = new Set(['$clusterTime', 'operationTime', 'connectionId', 'localTime', 'electionId', 'lastWrite', 'topologyVersion']);

/** Extended JSON with volatile server fields removed, so results of two servers compare as plain data. */
export function normalize(value: unknown): unknown {
  const plain = EJSON.serialize({ v: value }, { relaxed: true }).v;
  return strip(plain);
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!VOLATILE_KEYS.has(k)) out[k] = strip(v);
    return out;
  }
  return value;
}

function errorFields(err: unknown): Document {
  if (!(err instanceof MongoServerError)) throw err;
  const e = err as MongoServerError & Document;
  const out: Document = { code: e.code, codeName: e.codeName, message: e.message };
  for (const k of ['errInfo', 'keyPattern', 'keyValue', 'writeErrors']) if (e[k] !== undefined) out[k] = e[k];
  if (e.writeErrors === undefined && Array.isArray(e.errorResponse?.writeErrors)) out.writeErrors = e.errorResponse.writeErrors;
  if (e.result?.insertedCount !== undefined) out.insertedCount = e.result.insertedCount;
  return out;
}

async function run(target: Target, dbName: string, c: ConformanceCase): Promise<Outcome> {
  const db = target.client.db(dbName);
  await db.dropDatabase();
  try {
    if (c.setup) await c.setup(db);
    try {
      return { result: normalize(await c.action(db, target.client)) };
    } catch (err) {
      return { error: normalize(errorFields(err)) as Document };
    }
  } finally {
    await db.dropDatabase().catch(() => undefined);
  }
}

function assertExpected(c: ConformanceCase, outcome: Outcome, label: string): void {
  if (c.error) {
    expect(outcome, `${label}: expected an error, got ${JSON.stringify(outcome)}`).to.have.property('error');
    const got = (outcome as { error: Document }).error;
    for (const [k, want] of Object.entries(c.error)) {
      if (want instanceof RegExp) expect(String(got[k]), `${label}: ${k}`).to.match(want);
      else expect(got[k], `${label}: ${k}`).to.deep.equal(normalize(want));
    }
  } else if ('result' in c) {
    expect(outcome, `${label}: unexpected error`).to.not.have.property('error');
    expect((outcome as { result: unknown }).result, label).to.deep.equal(normalize(c.result));
  }
  c.check?.(outcome);
}

/** Registers one area's cases: each runs on the embedded engine and, when one is available, on a real mongod. */
export function conformance(area: string, cases: ConformanceCase[]): void {
  const titles = new Set<string>();
  for (const c of cases) {
    if (titles.has(c.name)) throw new Error(`duplicate case name in ${area}: ${c.name}`);
    titles.add(c.name);
  }
  const where = servers.real ? `embedded engine vs ${servers.real.label}` : 'embedded engine';
  describe(`conformance — ${area} — ${where}`, () => {
    cases.forEach((c, i) => {
      const title = c.embeddedDiffers ? `${c.name} (the embedded engine differs on purpose: ${c.embeddedDiffers.why})` : c.name;
      it(title, async () => {
        const dbName = `conf_${area.replace(/\W+/g, '_')}_${i}`;
        const embedded = await run(servers.embedded, dbName, c);
        const onEmbedded: ConformanceCase = c.embeddedDiffers ? { ...c, result: c.embeddedDiffers.result, check: undefined } : c;
        assertExpected(onEmbedded, embedded, servers.embedded.label);
        if (!servers.real) return;
        const real = await run(servers.real, dbName, c);
        assertExpected(c, real, servers.real.label);
        if (c.embeddedDiffers) return;
        const same = c.same ?? ((o: Outcome) => o);
        expect(same(embedded), 'embedded engine and real mongod differ').to.deep.equal(same(real));
      });
    });
  });
}

/** Documents whose `_id` may be of any BSON type, as the cases store them. */
export type AnyDoc = { _id?: number | string | ObjectId | Long | Decimal128 | Date | { a: number }; [field: string]: unknown };
