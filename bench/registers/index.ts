import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { startDatabase } from '../../src/db/start.js';
import { createLogger } from '../../src/http/logger.js';
import { modules } from '../../src/modules.js';
import { schemaRegistry } from '../../src/schemas/registry.js';
import { load, officialCode } from './data.js';

/*
 * npm run bench:registers — loads BENCH_MEETINGS meetings (default 1,000,000) over BENCH_OFFICIALS officials
 * (default 20,000) into the default database (the in-process embedded engine unless MONGODB_URI is set), then
 * drives the HTTP API on 127.0.0.1 with BENCH_CONNECTIONS clients (default 50) for BENCH_SECONDS each (default 15).
 */
const counts = { meetings: Number(process.env.BENCH_MEETINGS ?? 1_000_000), officials: Number(process.env.BENCH_OFFICIALS ?? 20_000) };
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const log = (line: string) => process.stdout.write(`${line}\n`);

const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret' }) as Config & { jwt: { secret: string } };
const logger = createLogger(config);
const schemas = schemaRegistry();
const database = await startDatabase(config, modules, schemas, logger, { isolated: true });
log(`database: ${database.choice.source} (${database.choice.reason})`);
await load(database.db, counts, log);

const server = createApp({ config, db: database.db, logger, schemas }).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const { port } = server.address() as AddressInfo;

let sequence = 0;
const scenarios: { title: string; path: () => string }[] = [
  { title: 'list, filtered by official, 50 per page', path: () => `/api/v1/meetings?official=${officialCode((sequence++ * 7919) % counts.officials)}&limit=50` },
  { title: 'list, filtered by institution and date range', path: () => `/api/v1/meetings?institution=bb${String((sequence++ * 31) % Math.ceil(counts.officials / 100)).padStart(3, '0')}&from=2019-01-01&to=2019-12-31&limit=50` },
  { title: 'text search, two words', path: () => `/api/v1/meetings?q=${['penailillo', 'munoz', 'errazuriz', 'nunez'][sequence++ % 4]}%20${['faena', 'regulador', 'portuaria', 'salud'][sequence % 4]}&limit=50` },
];

for (const scenario of scenarios) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: scenario.path() }) }],
  });
  const errors = result.errors + result.non2xx + result.timeouts;
  log(`${scenario.title}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s, ${errors} errors (${connections} clients, ${duration} s)`);
}

server.close();
await database.close();
process.exit(0);
