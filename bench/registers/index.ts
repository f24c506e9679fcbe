import { fork } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { calendarOf } from '../../src/records/calendar.js';
import { startDatabase } from '../../src/db/start.js';
import { createLogger } from '../../src/http/logger.js';
import { modules } from '../../src/modules.js';
import { schemaRegistry } from '../../src/schemas/registry.js';
import { collectorPauses, cpuMilliseconds, machineTicks } from './cpu.js';
import { load } from './data.js';
import { describePlans } from './plans.js';
import { engineMode, startEngine } from './engine.js';
import type { LoadJob, LoadResult } from './load-generator.js';
import { scenarios } from './scenarios.js';

/*
 * npm run bench:registers — loads BENCH_MEETINGS meetings (default 1,000,000) over BENCH_OFFICIALS officials
 * (default 20,000), then drives the HTTP API on 127.0.0.1 with BENCH_CONNECTIONS clients (default 50) for
 * BENCH_SECONDS per scenario (default 15), after BENCH_WARMUP seconds of unmeasured load (default 3).
 * - BENCH_LIMIT: items per page (default 50). BENCH_RATE: requests per second offered across all clients, or `max`
 *   (the default: autocannon, each client asking again as soon as it is answered, so the figures are a saturated
 *   server's); several, comma-separated (`max,500`), measure each scenario at each. An offered rate is an open-loop
 *   load (paced.ts): requests fall due on a schedule whether or not earlier ones are answered, and latency counts
 *   from when each fell due. BENCH_ARRIVALS=even (the default) spaces them evenly; poisson, at random.
 * - BENCH_ENGINE=in-process (default: the embedded engine in this process) or separate (the engine in a process of
 *   its own, as `npm run db`). A MONGODB_URI given takes precedence over both.
 * - Each run loads its data set into a database of its own and drops it at the end. With BENCH_REUSE=1 and a
 *   MONGODB_URI, the database the URI names keeps it: an empty one is loaded, one holding this very data set is
 *   used as it is (no loading), any other is refused.
 * - BENCH_INSTANCES=n (default 1) serves HTTP from n instances of the application (instance.ts), processes sharing one
 *   port through node:cluster, as the stateless service scales out; with 1, this process serves.
 * - BENCH_SCENARIOS=official,search picks scenarios. The load generator is a child process, so it never shares
 *   the server's event loop.
 * - BENCH_PROFILE=dir writes a CPU profile of this process (application, and the engine when in process) for each
 *   measured scenario to dir/<scenario>.cpuprofile, for Chrome DevTools or any .cpuprofile reader; one instance only.
 * Each scenario prints the CPU time per request of the application, the database server (when it runs apart on this
 * machine; Linux only) and the load generator. At 1,000,000 meetings the engine holds several GB: run with
 * NODE_OPTIONS='--max-old-space-size=8192 --expose-gc'.
 */
const counts = { meetings: Number(process.env.BENCH_MEETINGS ?? 1_000_000), officials: Number(process.env.BENCH_OFFICIALS ?? 20_000) };
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const limit = Number(process.env.BENCH_LIMIT ?? 50);
const rates = (process.env.BENCH_RATE ?? 'max').split(',').map((rate) => (rate === 'max' ? undefined : Number(rate)));
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const arrivals = process.env.BENCH_ARRIVALS === 'poisson' ? 'poisson' : 'even';
const chosen = process.env.BENCH_SCENARIOS?.split(',');
const mode = engineMode(process.env.BENCH_ENGINE);
const instances = Number(process.env.BENCH_INSTANCES ?? 1);
if (!Number.isInteger(instances) || instances < 1) throw new Error('BENCH_INSTANCES must be a whole number of 1 or more');
if (instances > 1 && process.env.BENCH_PROFILE) throw new Error('BENCH_PROFILE profiles this process, so it needs BENCH_INSTANCES=1');
if (process.env.BENCH_PROFILE) mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
const log = (line: string) => process.stdout.write(`${line}\n`);

const engine = process.env.MONGODB_URI ? undefined : await startEngine(mode, Number(process.env.BENCH_ENGINE_HEAP_MB ?? 8192));
const config = loadConfig({
  ...process.env,
  ...(engine?.uri ? { MONGODB_URI: engine.uri } : {}),
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
}) as Config & { jwt: { secret: string } };
const logger = createLogger(config);
const schemas = schemaRegistry();
// BENCH_REUSE=1 keeps the data set in the database MONGODB_URI names, for later runs; otherwise every run loads a
// database of its own and drops it at the end.
const reuse = process.env.BENCH_REUSE === '1' && process.env.MONGODB_URI !== undefined;
const database = await startDatabase(config, modules, schemas, logger, { isolated: !reuse });
const label =
  (process.env.MONGODB_URI ? `configured server (${database.choice.source})` : `embedded engine, ${mode}`) +
  (instances > 1 ? `, ${instances} application instances` : '');
log(`database: ${label}; ${database.choice.reason}`);
const held = { meetings: await database.db.collection('meetings').countDocuments(), officials: await database.db.collection('officials').countDocuments() };
if (held.meetings === counts.meetings && held.officials === counts.officials) log(`reusing the ${held.meetings} meetings and ${held.officials} officials the database holds`);
else if (held.meetings + held.officials > 0) throw new Error(`the database holds ${held.meetings} meetings and ${held.officials} officials, not the ${counts.meetings} and ${counts.officials} asked for: give an empty one`);
else await load(database.db, counts, log);
// Loading leaves gigabytes for the collector; with --expose-gc it is reclaimed now, not during the first scenario.
(globalThis as { gc?: () => void }).gc?.();
const { heapUsed, external } = process.memoryUsage();
log(`heap in use after loading: ${Math.round(heapUsed / 2 ** 20)} MB, plus ${Math.round(external / 2 ** 20)} MB outside the heap`);
// The database server's own process when it runs apart from the application on this machine (the separate engine, a
// local mongod, or this process when instances serve): serverStatus names it, so its CPU time per request is read too.
const status = await database.db.connection.db!.admin().command({ serverStatus: 1 });
// A Unix domain socket (its path, percent-encoded, as the URI's host) is on this machine by definition.
const uriHost = decodeURIComponent(/^mongodb:\/\/(?:[^@/]*@)?([^/?]*)/.exec(database.choice.uri)?.[1] ?? '');
const local = ['127.0.0.1', 'localhost', '::1'].includes(database.db.connection.host) || uriHost.startsWith('/');
const serverPid = local && status.pid !== undefined && (Number(status.pid) !== process.pid || instances > 1) ? Number(status.pid) : undefined;
if (serverPid !== undefined) log(`database server: process ${serverPid}, ${status.mem?.resident ?? '?'} MB resident`);

// One instance: this process serves. Several: forked instances share a port and the database this process loaded.
const server = instances === 1 ? createApp({ config, db: database.db, logger, schemas }).listen(0, '127.0.0.1') : undefined;
let workers: Worker[] = [];
let port: number;
if (server) {
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
} else {
  cluster.setupPrimary({ exec: fileURLToPath(new URL('./instance.ts', import.meta.url)) });
  const env = { JWT_SECRET: config.jwt.secret, BENCH_DATABASE_URI: database.choice.uri, BENCH_DATABASE_NAME: database.choice.name };
  workers = Array.from({ length: instances }, () => cluster.fork(env));
  const ports = await Promise.all(workers.map((worker) => new Promise<number>((resolve) => worker.once('listening', (address) => resolve(address.port)))));
  port = ports[0];
}
const url = `http://127.0.0.1:${port}`;

/** CPU time the application has used so far, ms: this process's, or the sum of its instances'. */
function applicationCpuMs(): number {
  if (workers.length === 0) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  return workers.reduce((sum, worker) => sum + (cpuMilliseconds(worker.process.pid!) ?? Number.NaN), 0);
}

/** Collector pauses so far, ms: this process's, or the sum of its instances'. */
const localPauses = workers.length === 0 ? collectorPauses() : undefined;
async function gcPauseMs(): Promise<number> {
  if (localPauses) return localPauses();
  const answers = workers.map(
    (worker) =>
      new Promise<number>((resolve) => {
        worker.once('message', (message: { gcPauseMs: number }) => resolve(message.gcPauseMs));
        worker.send('gc');
      }),
  );
  return (await Promise.all(answers)).reduce((sum, ms) => sum + ms, 0);
}

/** One run of the load generator in its own process. */
async function drive(job: LoadJob): Promise<LoadResult> {
  const child = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const answer = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('exit', (code) => reject(new Error(`the load generator exited (${code}) without an answer`)));
  });
  child.send(job);
  return answer;
}

/** One measured run of a scenario at one offered rate (undefined: as fast as the clients go). */
async function measure(scenario: (typeof scenarios)[number], rate: number | undefined): Promise<void> {
  const job = { url, scenario: scenario.name, connections, officials: counts.officials, limit, rate, arrivals } as const;
  if (warmup > 0) await drive({ ...job, seconds: warmup });
  const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const gcBefore = await gcPauseMs();
  const machineBefore = machineTicks();
  const appBefore = applicationCpuMs();
  const serverBefore = serverPid === undefined ? undefined : cpuMilliseconds(serverPid);
  const r = await drive({ ...job, seconds });
  const appMs = applicationCpuMs() - appBefore;
  const serverAfter = serverPid === undefined ? undefined : cpuMilliseconds(serverPid);
  const machineAfter = machineTicks();
  const gcMs = (await gcPauseMs()) - gcBefore;
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    const file = rates.length > 1 ? `${scenario.name}-${rate ?? 'max'}.cpuprofile` : `${scenario.name}.cpuprofile`;
    writeFileSync(join(process.env.BENCH_PROFILE!, file), JSON.stringify(profile));
    profiler.disconnect();
  }
  const errors = r.errors + r.non2xx + r.timeouts;
  log(
    `[${label}] ${scenario.title}, ${limit} per page${rate === undefined ? '' : `, offered ${rate} req/s (${arrivals} arrivals)`}: p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, ${Math.round(r.requestsPerSecond)} req/s, ` +
      `${errors} errors (${r.non2xx} non-2xx, ${r.timeouts} timeouts) — ${connections} clients, ${seconds} s, load average ${loadavg()[0].toFixed(2)}`,
  );
  const perRequest = (ms: number) => `${(ms / Math.max(1, r.requests)).toFixed(2)} ms`;
  const serverCpu = serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore;
  log(
    `  CPU per request: application ${perRequest(appMs)} (collector pauses ${perRequest(gcMs)})` +
      (serverCpu === undefined ? '' : `, database server ${perRequest(serverCpu)}`) +
      `, load generator ${perRequest(r.cpuMs)}` +
      // On a virtual machine, time the hypervisor gives to other guests slows everything down by as much.
      (machineBefore === undefined || machineAfter === undefined
        ? ''
        : `; ${Math.round((100 * (machineAfter.stolen - machineBefore.stolen)) / Math.max(1, machineAfter.total - machineBefore.total))} % of the machine's CPU time stolen by the hypervisor`),
  );
}

log(`${cpus().length} CPUs, load average before the runs ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
for (const scenario of scenarios.filter(({ name }) => chosen === undefined || chosen.includes(name))) {
  for (const line of await describePlans(database.db, scenario.path(0, { ...counts, limit }), calendarOf(config.timeZone))) log(`  ${scenario.name} plan, ${line}`);
  for (const rate of rates) await measure(scenario, rate);
}

server?.close();
for (const worker of workers) worker.kill();
if (!reuse) await database.db.connection.dropDatabase();
await database.close();
await engine?.stop();
process.exit(0);
