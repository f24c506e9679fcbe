// Throughput and latency of the embedded engine through the official driver (npm run bench:db).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { MongoClient } from 'mongodb';
import { dbNodeFlags } from '../../scripts/db-flags.js';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';
import { cpuMilliseconds } from '../registers/cpu.js';
import { startBaseline } from './baseline.js';
import { commandCostMicros } from './command-cost.js';
import type { LookupJob } from './lookup-client.js';
import { emailOf, findSmall, type Small } from './small-documents.js';

const INSERTS = 100_000;
const LOOKUPS = 10_000;
const LARGE = 1_000_000;
const RANGE_RUNS = 9;
const TRANSACTIONS = 1_000;
/** In flight at once for the concurrent figures, over the driver's connection pool. */
const CONCURRENCY = 32;
/** Client processes for the several-clients figures: one per core of this 2-core machine. */
const CLIENTS = 2;
/** Repetitions of each lookup measurement. */
const ROUNDS = 3;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (label: string, value: string, target: string) => console.log(`${label.padEnd(80)} ${value.padStart(14)}   (target ${target})`);

/**
 * Runs a measurement ROUNDS times: other work on the shared cores makes single runs unreliable. With the engine in its
 * own process (`serverPid`), also prints the CPU each side spent per operation over the rounds: the driver's (this
 * process, or the client processes `clientPids`) and the engine's, to tell which one a figure is waiting on.
 */
async function rate(label: string, unit: string, target: string, run: () => Promise<void>, serverPid?: number, clientPids?: number[]): Promise<void> {
  const rates: number[] = [];
  const driverMs = () => {
    if (clientPids !== undefined) return clientPids.reduce((sum, pid) => sum + (cpuMilliseconds(pid) ?? Number.NaN), 0);
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const driverBefore = driverMs();
  const serverBefore = serverPid === undefined ? undefined : cpuMilliseconds(serverPid);
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    await run();
    rates.push(LOOKUPS / seconds(start));
  }
  const spread = `${Math.round(Math.min(...rates))}-${Math.round(Math.max(...rates))}`;
  report(`${label} (median; range of ${ROUNDS})`, `${Math.round(median(rates))} ${unit}`, `${target}; ${spread}`);
  const serverAfter = serverPid === undefined ? undefined : cpuMilliseconds(serverPid);
  if (serverBefore === undefined || serverAfter === undefined) return;
  const perOp = (ms: number) => `${Math.round((ms * 1000) / (ROUNDS * LOOKUPS))} us`;
  console.log(`  CPU per operation: driver ${perOp(driverMs() - driverBefore)}, engine ${perOp(serverAfter - serverBefore)}`);
}

/** Sequential and CONCURRENCY-in-flight findOne by _id and by the unique field, and ping, against `uri`. */
async function lookups(uri: string, where: string, withUniqueField = true, serverPid?: number): Promise<void> {
  const client = await new MongoClient(uri).connect();
  const coll = client.db('bench').collection<Small>('small');
  const admin = client.db('admin');
  const byId = (i: number) => findSmall(coll, '_id', i, INSERTS);
  const byEmail = (i: number) => findSmall(coll, 'email', i, INSERTS);
  // Warm-up on the same path, not counted.
  for (let i = 0; i < 2_000; i++) await byId(i);
  await rate(`ping x 10,000, sequential, ${where}`, 'ops/s', 'none', async () => {
    for (let i = 0; i < LOOKUPS; i++) await admin.command({ ping: 1 });
  }, serverPid);
  await rate(`findOne by _id x 10,000, sequential, ${where}`, 'ops/s', '>= 5,000', async () => {
    for (let i = 0; i < LOOKUPS; i++) await byId(i);
  }, serverPid);
  if (withUniqueField) {
    await rate(`findOne by unique field x 10,000, sequential, ${where}`, 'ops/s', '>= 5,000', async () => {
      for (let i = 0; i < LOOKUPS; i++) await byEmail(i);
    }, serverPid);
  }
  await rate(`findOne by _id x 10,000, ${CONCURRENCY} in flight, ${where}`, 'ops/s', '>= 5,000', () => concurrently(LOOKUPS, byId), serverPid);
  if (withUniqueField) {
    await rate(`findOne by unique field x 10,000, ${CONCURRENCY} in flight, ${where}`, 'ops/s', '>= 5,000', () => concurrently(LOOKUPS, byEmail), serverPid);
  }
  await client.close();
}

async function load(uri: string, announce: boolean): Promise<void> {
  const client = await new MongoClient(uri).connect();
  const coll = client.db('bench').collection<Small>('small');
  await coll.createIndex({ email: 1 }, { unique: true });
  // Warm the JIT on a throwaway collection so the measurement is of steady state.
  await client.db('bench').collection('warmup').insertMany(Array.from({ length: 20_000 }, (_, i) => ({ email: `w${i}`, n: i })));
  const docs = Array.from({ length: INSERTS }, (_, i) => ({ _id: i, email: emailOf(i), n: i % 1000, active: i % 2 === 0 }));
  const start = process.hrtime.bigint();
  await coll.insertMany(docs);
  if (announce) report('insertMany 100,000 small documents, same process', `${Math.round(INSERTS / seconds(start))} docs/s`, '>= 50,000 docs/s');
  await client.close();
}

async function insertAndLookups(): Promise<void> {
  report('engine work per findOne by _id, no sockets (decode, run, encode)', `${(await commandCostMicros()).toFixed(1)} us`, 'none: engine share of a round trip');
  const baseline = await startBaseline();
  await lookups(baseline.uri, 'raw-socket baseline', false);
  await baseline.stop();

  const server = await startEmbeddedMongo();
  await load(server.uri, true);
  await lookups(server.uri, 'same process');
  await server.stop();

  const separate = await startSeparate();
  await load(separate.uri, false);
  await lookups(separate.uri, 'own process', true, separate.pid);
  if (separate.socketUri) await lookups(separate.socketUri, 'own process, Unix socket', true, separate.pid);
  // What any server could serve the two clients at this moment: the same clients against the canned-reply baseline.
  const baseline2 = await startBaseline();
  await severalClients(baseline2.uri, 'raw-socket baseline');
  await baseline2.stop();
  await severalClients(separate.uri, 'own process', separate.pid);
  if (separate.socketUri) await severalClients(separate.socketUri, 'own process, Unix socket', separate.pid);
  await separate.stop();
}

/**
 * findOne by _id and by the unique field from CLIENTS client processes (lookup-client.ts), each its own driver, each
 * a share of the 10,000 with its share of CONCURRENCY in flight. One client process's driver needs more CPU per
 * operation than the engine does, so a single client measures the driver; several measure what the engine serves.
 */
async function severalClients(uri: string, where: string, serverPid?: number): Promise<void> {
  const script = fileURLToPath(new URL('./lookup-client.ts', import.meta.url));
  const children = Array.from({ length: CLIENTS }, () => fork(script, [uri, String(INSERTS)], { execArgv: ['--import', 'tsx'] }));
  await Promise.all(children.map(answer));
  const share = LOOKUPS / CLIENTS;
  const inFlight = CONCURRENCY / CLIENTS;
  const all = async (field: LookupJob['field'], count: number) => {
    const done = children.map(answer);
    children.forEach((child, k) => child.send({ field, from: k * count, count, inFlight } satisfies LookupJob));
    await Promise.all(done);
  };
  for (const [field, name] of [['_id', '_id'], ['email', 'unique field']] as const) {
    // Warm-up on the same path, not counted.
    await all(field, 2_000);
    const label = `findOne by ${name} x 10,000, ${CLIENTS} client processes, ${inFlight} in flight each, ${where}`;
    await rate(label, 'ops/s', '>= 5,000', () => all(field, share), serverPid, children.map((child) => child.pid!));
  }
  const exited = children.map((child) => once(child, 'exit'));
  for (const child of children) child.send('close');
  await Promise.all(exited);
}

/** A client process's next answer; its exit before answering fails the run. */
function answer(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`a lookup client exited (${code}) before answering`));
    child.once('exit', exited);
    child.once('message', (message) => {
      child.off('exit', exited);
      resolve(message);
    });
  });
}

/** Runs `count` operations with at most CONCURRENCY in flight. */
async function concurrently(count: number, op: (i: number, worker: number) => Promise<unknown>, workers = CONCURRENCY): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) await op(i, worker);
    }),
  );
}

/** The engine as its own process, started as `npm run db` starts it, so it and the driver do not share one thread. */
async function startSeparate(dbPath?: string): Promise<{ uri: string; socketUri?: string; pid: number; stop(): Promise<void> }> {
  const cli = new URL('../../src/embedded-mongo/cli.ts', import.meta.url).pathname;
  const args = [...dbNodeFlags(), '--import', 'tsx', cli, '--port', '0', ...(dbPath ? ['--dbpath', dbPath] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const uri = /mongodb:\/\/\S+\//.exec(line.toString())?.[0];
  if (!uri) throw new Error(`engine did not report its address: ${line.toString()}`);
  return {
    uri,
    // Beside TCP, as npm run db listens, unless the platform has no Unix domain sockets.
    socketUri: / and (mongodb:\/\/\S+)/.exec(line.toString())?.[1],
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** A record update, its revision and its audit event in one transaction, as the registry writes them. */
async function measureTransactions(client: MongoClient, where: string): Promise<void> {
  const db = client.db('bench');
  const records = db.collection<{ _id: number; v: number }>('records');
  const revisions = db.collection('revisions');
  const audit = db.collection('audit');
  const one = async (session: ReturnType<MongoClient['startSession']>, i: number) => {
    await session.withTransaction(async () => {
      await records.updateOne({ _id: i }, { $inc: { v: 1 } }, { session });
      await revisions.insertOne({ record: i, v: 1 }, { session });
      await audit.insertOne({ record: i, action: 'update' }, { session });
    });
  };
  // Warm-up on the same path, not counted.
  const warm = client.startSession();
  for (let i = 0; i < 200; i++) await one(warm, i);
  await warm.endSession();

  const session = client.startSession();
  let start = process.hrtime.bigint();
  for (let i = 0; i < TRANSACTIONS; i++) await one(session, i);
  report(`1,000 txn x 3 writes, sequential, ${where}`, `${Math.round(TRANSACTIONS / seconds(start))} txn/s`, '>= 1,000 txn/s');
  await session.endSession();

  const sessions = Array.from({ length: CONCURRENCY }, () => client.startSession());
  start = process.hrtime.bigint();
  await concurrently(TRANSACTIONS, (i, worker) => one(sessions[worker], i));
  report(`1,000 txn x 3 writes, ${CONCURRENCY} in flight, ${where}`, `${Math.round(TRANSACTIONS / seconds(start))} txn/s`, '>= 1,000 txn/s');
  for (const s of sessions) await s.endSession();
}

async function transactions(dbPath?: string, separate = false): Promise<void> {
  const server = separate ? await startSeparate(dbPath) : await startEmbeddedMongo({ dbPath });
  const client = await new MongoClient(server.uri).connect();
  const records = client.db('bench').collection<{ _id: number; v: number }>('records');
  await records.insertMany(Array.from({ length: TRANSACTIONS }, (_, i) => ({ _id: i, v: 0 })));
  await measureTransactions(client, `${dbPath ? 'dbPath' : 'memory'}, ${separate ? 'own process' : 'same process'}`);
  const total = await records.countDocuments({ v: { $gte: 2 } });
  if (total < TRANSACTIONS) throw new Error(`only ${total} records saw both rounds of transactions`);
  await client.close();
  await server.stop();
}

/** The same four round trips per transaction against a server that does nothing. */
async function baselineTransactions(): Promise<void> {
  const baseline = await startBaseline();
  const client = await new MongoClient(baseline.uri).connect();
  await measureTransactions(client, 'raw-socket baseline');
  await client.close();
  await baseline.stop();
}

async function largeCollection(): Promise<void> {
  const dbPath = mkdtempSync(join(tmpdir(), 'embedded-bench-'));
  try {
    let server = await startEmbeddedMongo({ dbPath });
    let client = await new MongoClient(server.uri).connect();
    let coll = client.db('bench').collection<{ _id: number; score: number; label: string }>('large');
    await coll.createIndex({ score: 1 });
    const batch = 50_000;
    const loadStart = process.hrtime.bigint();
    for (let from = 0; from < LARGE; from += batch) {
      await coll.insertMany(Array.from({ length: batch }, (_, i) => ({ _id: from + i, score: (from + i) * 7 % 100_003, label: `item-${from + i}` })));
    }
    console.log(`(loaded ${LARGE.toLocaleString('en')} documents with a data directory in ${seconds(loadStart).toFixed(1)} s)`);

    const times: number[] = [];
    for (let run = 0; run < RANGE_RUNS; run++) {
      const low = 10_000 + run * 5_000;
      const start = process.hrtime.bigint();
      const found = await coll.find({ score: { $gte: low, $lt: low + 20_000 } }).sort({ score: -1 }).limit(50).toArray();
      times.push(seconds(start) * 1000);
      if (found.length !== 50) throw new Error(`range query returned ${found.length} documents`);
    }
    report('indexed range + sort, limit 50, 1M documents', `${median(times).toFixed(2)} ms`, '<= 20 ms (median)');
    await client.close();
    await server.stop();

    const restartStart = process.hrtime.bigint();
    server = await startEmbeddedMongo({ dbPath });
    const restart = seconds(restartStart);
    client = await new MongoClient(server.uri).connect();
    coll = client.db('bench').collection<{ _id: number; score: number; label: string }>('large');
    const count = await coll.estimatedDocumentCount();
    report('restart with a 1,000,000-document dbPath', `${restart.toFixed(1)} s`, '< 30 s');
    if (count !== LARGE) throw new Error(`restart found ${count} documents`);
    await client.close();
    await server.stop();
  } finally {
    rmSync(dbPath, { recursive: true, force: true });
  }
}

const only = process.argv[2];
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (!only || only === 'lookups') await insertAndLookups();
if (!only || only === 'transactions') {
  await baselineTransactions();
  for (const separate of [false, true]) {
    await transactions(undefined, separate);
    const dbPath = mkdtempSync(join(tmpdir(), 'embedded-bench-txn-'));
    try {
      await transactions(dbPath, separate);
    } finally {
      rmSync(dbPath, { recursive: true, force: true });
    }
  }
}
if (!only || only === 'large') await largeCollection();
// Loads a million meetings in process; run on its own, not with the others.
if (only === 'collector') await import('./collector.js');
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
