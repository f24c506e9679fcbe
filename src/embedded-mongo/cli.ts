import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics } from 'node:v8';
import { startEmbeddedMongo } from './index.js';
import { wholeSeconds } from './commands/parameters.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    dbpath: { type: 'string' },
    bind_ip: { type: 'string', default: '127.0.0.1' },
    setParameter: { type: 'string', multiple: true, default: [] },
    unixSocketPrefix: { type: 'string', default: '/tmp' },
    nounixsocket: { type: 'boolean', default: false },
  },
});

/** mongod's `--setParameter name=value`, for the parameters this server has: positive numbers of seconds. */
const SETTABLE = ['ttlMonitorSleepSecs', 'transactionLifetimeLimitSeconds'] as const;
const parameters: Partial<Record<(typeof SETTABLE)[number], number>> = {};
for (const setting of values.setParameter) {
  const [name, value] = setting.split('=', 2);
  const known = SETTABLE.find((settable) => settable === name);
  try {
    if (known === undefined) throw new Error('unknown');
    parameters[known] = wholeSeconds(Number(value));
  } catch {
    process.stderr.write(`--setParameter ${setting}: expected one of ${SETTABLE.join(', ')} = a whole number of seconds, at least 1\n`);
    process.exit(2);
  }
}

const log = (message: string) => process.stderr.write(`${new Date().toISOString()} ${message}\n`);

/**
 * Opening a data directory leaves its temporary structures behind as garbage. `npm run db` turns V8's memory
 * reducer off (it would start a full collection of the whole data set in any idle moment) and exposes `gc`, so that
 * garbage is collected here, once, before the first client connects: the heap then starts at the data's own size,
 * and young collections, whose pauses grow with the heap, stay shorter.
 *
 * V8 may shrink the young generation at a full collection while little is being allocated (after a million meetings
 * it was found at about 2 MB), and with requests' garbage dying young it grows back only slowly. Over a large data
 * set each young collection costs about the same whatever the young generation's size (it grows with the old one),
 * so a small one multiplies their number. `npm run db` sets that minimum (`--min-semi-space-size`); the log says
 * what the young generation holds.
 */
function collectAfterOpening(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined || values.dbpath === undefined) return;
  const started = performance.now();
  const before = process.memoryUsage().heapUsed;
  collect();
  const after = process.memoryUsage().heapUsed;
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  log(
    `collected the garbage of opening in ${((performance.now() - started) / 1000).toFixed(1)} s: heap ${Math.round(before / 2 ** 20)} MB -> ${Math.round(after / 2 ** 20)} MB, young generation ${Math.round(young / 2 ** 20)} MB`,
  );
}

const server = await startEmbeddedMongo({
  port: Number(values.port),
  host: values.bind_ip,
  dbPath: values.dbpath,
  // As mongod: a Unix domain socket beside the TCP port, where the platform has them, unless --nounixsocket.
  unixSocketPrefix: values.nounixsocket || process.platform === 'win32' ? undefined : values.unixSocketPrefix,
  ...parameters,
  log,
  keepStoredBytes: values.dbpath !== undefined,
  opened: collectAfterOpening,
});
console.log(
  `embedded MongoDB-compatible server listening on ${server.uri}${server.socketUri ? ` and ${server.socketUri}` : ''}${values.dbpath ? ` (data: ${values.dbpath})` : ' (memory only)'}`,
);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal} received, checkpointing and stopping`);
  server.stop().then(
    () => process.exit(0),
    (err: Error) => {
      log(`stop failed: ${err.message}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
