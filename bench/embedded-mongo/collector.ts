// npm run bench:db -- collector: how long the engine's young-generation collections pause it when it holds a large
// register. Loads BENCH_MEETINGS meetings (default 1,000,000) shaped as the registers store them into an engine in this
// process, straight through its command entry point (no sockets, so nothing else shares the collector), then for
// BENCH_SECONDS each (default 8) runs (1) a loop that allocates only short-lived garbage and (2) the registers' list
// queries by official and by institution and dates, encoded and decoded as on the wire, and prints each one's time
// and scavenge pauses.
// Run it with the flags to compare, e.g. `node --max-semi-space-size=8 --import tsx bench/embedded-mongo/collector.ts`.
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { Binary, Long, UUID, type Document } from 'bson';
import { EmbeddedServer } from '../../src/embedded-mongo/server.js';
import { parseMessage, serializeOpMsg } from '../../src/embedded-mongo/wire.js';
import { entryFilters } from '../../src/registry/entries.js';
import { listIndexes } from '../../src/registry/indexes.js';
import { searchTokens } from '../../src/registry/names.js';
import { institutionCode, officialCode, storedMeeting } from '../registers/data.js';

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 1_000_000);
const OFFICIALS = Math.max(1, Math.floor(MEETINGS / 50));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ORDER = { eventAt: -1, _id: -1 };
const TOPICS = ['ampliación faena minera', 'plan regulador comunal', 'concesión portuaria', 'licitación de alumbrado'];

const server = new EmbeddedServer({ port: 0, host: '127.0.0.1' });
await server.listen();
function run(body: Document): Document {
  const reply = server.execute({ ...body, $db: 'bench' }, 1);
  if (reply.ok !== 1 || reply.writeErrors) throw new Error(`${Object.keys(body)[0]} failed: ${JSON.stringify(reply)}`);
  return reply;
}

run({ createIndexes: 'meetings', indexes: listIndexes(entryFilters, 'eventAt') });
const started = performance.now();
const now = new Date().toISOString();
const stamp = { status: 'active', registeredAt: now, updatedAt: now, createdBy: 'bench', revision: 1 };
for (let from = 0; from < MEETINGS; from += 5_000) {
  const documents = [];
  for (let i = from; i < Math.min(MEETINGS, from + 5_000); i++) {
    const official = i % OFFICIALS;
    const startsAt = new Date(Date.UTC(2015, 0, 1) + ((i * 7919) % 283_824_000) * 1000).toISOString();
    const subject = TOPICS[i % TOPICS.length];
    const attendee = 'Ana Muñoz';
    const firm = 'Minera Los Andes S.A.';
    const words = [...new Set([...searchTokens(`Rodrigo Peñailillo ${officialCode(official)}`), ...searchTokens(subject), ...searchTokens(`${attendee} ${firm}`)])];
    documents.push(storedMeeting({ official, startsAt, subject, attendee, firm, searchTokens: words }, stamp));
  }
  run({ insert: 'meetings', documents });
}
const heapGb = (getHeapStatistics().used_heap_size / 2 ** 30).toFixed(2);
console.log(`loaded ${MEETINGS.toLocaleString('en')} meetings in ${((performance.now() - started) / 1000).toFixed(0)} s; heap ${heapGb} GB`);
// Let the collections that loading started finish before measuring.
await new Promise((resolve) => setTimeout(resolve, 5_000));

let pauses: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) pauses.push(entry.duration);
}).observe({ entryTypes: ['gc'] });
const oldSpace = () => getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;

const session = { id: new UUID() };
const signature = { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.fromNumber(0) };
const loops: Array<[string, (i: number) => void]> = [
  [
    'short-lived garbage only',
    () => {
      const garbage = [];
      for (let k = 0; k < 2_000; k++) garbage.push({ k, list: [k] });
    },
  ],
  ...(
    [
      ['list by official', (i: number) => ({ official: officialCode((i * 7919) % OFFICIALS) })],
      // As the service asks for a public list by institution and dates: a date range leaves withdrawn records out.
      [
        'list by institution and a year',
        (i: number) => ({
          $and: [{ institution: institutionCode(((i * 31) % Math.ceil(OFFICIALS / 100)) * 100) }, { eventAt: { $gte: '2019-01-01T03:00:00.000Z', $lt: '2020-01-01T03:00:00.000Z' } }, { status: { $ne: 'withdrawn' } }],
        }),
      ],
    ] as const
  ).map(([label, filter]): [string, (i: number) => void] => [
    `${label}, 51 per page, through the wire codec`,
    (i) => {
      const command = { find: 'meetings', filter: filter(i), sort: ORDER, projection: { searchTokens: 0, organizationIds: 0 }, limit: 51, batchSize: 51, lsid: session, $clusterTime: { clusterTime: server.engine.operationTime(), signature }, $db: 'bench' };
      const message = parseMessage(serializeOpMsg(command, i, 0));
      server.encode(server.execute(message.body, 1), i, message.header.requestId, false).release();
    },
  ]),
];
for (const [label, loop] of loops) {
  pauses = [];
  const before = oldSpace();
  const start = performance.now();
  let i = 0;
  while (performance.now() - start < SECONDS * 1000) loop(i++);
  // Observer entries arrive after the loop yields.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const sorted = [...pauses].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]).toFixed(1);
  console.log(
    `${label}: ${i} runs, ${((SECONDS * 1000) / i).toFixed(3)} ms each, ${sorted.length} scavenges, pause median ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; ` +
      `old generation grew ${((oldSpace() - before) / 2 ** 20).toFixed(0)} MB`,
  );
}
await server.stop();
