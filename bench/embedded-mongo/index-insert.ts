import { ObjectId } from 'bson';
import { IndexStore } from '../../src/embedded-mongo/storage/index-store.js';
import { canonicalKey } from '../../src/embedded-mongo/query/bson-order.js';
/*
 * node --import tsx bench/embedded-mongo/index-insert.ts [documents]: index upkeep alone, without the command
 * layer, for meeting-shaped documents and the five list indexes the registers keep (about sixteen entries each).
 */
const N = Number(process.argv[2] ?? 200000);
let s = 12345; const r = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const words = Array.from({ length: 200 }, (_, i) => 'w' + i);
const docs = Array.from({ length: N }, () => {
  const at = new Date(Date.UTC(2015, 0, 1) + Math.floor(r() * 9 * 365 * 86400) * 1000).toISOString();
  const o = Math.floor(r() * 20000);
  return { _id: new ObjectId(), official: 'BB' + String(o).padStart(6, '0'), institution: 'bb' + String(Math.floor(o / 100)).padStart(3, '0'), eventAt: at, searchTokens: Array.from(new Set(Array.from({ length: 12 }, () => words[Math.floor(r() * 200)]))) };
});
const specs = [{ _id: 1 }, { eventAt: -1, _id: -1 }, { official: 1, eventAt: -1, _id: -1 }, { institution: 1, eventAt: -1, _id: -1 }, { searchTokens: 1, eventAt: -1, _id: -1 }];
const indexes = specs.map((key, i) => new IndexStore({ v: 2, key, name: 'i' + i }));
const t0 = performance.now(); let entries = 0;
for (const d of docs) { const id = canonicalKey(d._id); for (const ix of indexes) { const t = ix.tuplesOf(d); entries += t.length; ix.add(d, id, t); } }
const ms = performance.now() - t0;
console.log(`${N} docs, ${entries} entries: ${(ms/1000).toFixed(1)} s, ${Math.round(N / ms * 1000)} docs/s, ${(ms * 1000 / entries).toFixed(2)} µs/entry`);
