// Throughput and latency of the embedded engine through the official driver (npm run bench:db).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../src/embedded-mongo/index.js';

const INSERTS = 100_000;
const LOOKUPS = 10_000;
const LARGE = 1_000_000;
const RANGE_RUNS = 9;

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (label: string, value: string, target: string) => console.log(`${label.padEnd(44)} ${value.padStart(14)}   (target ${target})`);

async function insertAndLookups(): Promise<void> {
  const server = await startEmbeddedMongo();
  const client = await new MongoClient(server.uri).connect();
  const coll = client.db('bench').collection<{ _id: number; email: string; n: number; active: boolean }>('small');
  await coll.createIndex({ email: 1 }, { unique: true });
  // Warm the JIT on a throwaway collection so the measurement is of steady state.
  await client.db('bench').collection('warmup').insertMany(Array.from({ length: 20_000 }, (_, i) => ({ email: `w${i}`, n: i })));
  const docs = Array.from({ length: INSERTS }, (_, i) => ({ _id: i, email: `user${i}@example.org`, n: i % 1000, active: i % 2 === 0 }));
  let start = process.hrtime.bigint();
  await coll.insertMany(docs);
  report('insertMany 100,000 small documents', `${Math.round(INSERTS / seconds(start))} docs/s`, '>= 50,000 docs/s');

  start = process.hrtime.bigint();
  for (let i = 0; i < LOOKUPS; i++) await coll.findOne({ _id: (i * 7919) % INSERTS });
  report('findOne by _id x 10,000', `${Math.round(LOOKUPS / seconds(start))} ops/s`, '>= 5,000 ops/s');

  start = process.hrtime.bigint();
  for (let i = 0; i < LOOKUPS; i++) await coll.findOne({ email: `user${(i * 7919) % INSERTS}@example.org` });
  report('findOne by unique indexed field x 10,000', `${Math.round(LOOKUPS / seconds(start))} ops/s`, '>= 5,000 ops/s');
  await client.close();
  await server.stop();
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

await insertAndLookups();
await largeCollection();
