import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { connectDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/http/logger.js';
import { schemaRegistry } from '../../src/schemas/registry.js';
import { collectorPauses } from './cpu.js';

/*
 * One instance of the application, forked by index.ts through node:cluster when BENCH_INSTANCES > 1: as DESIGN.md's
 * scale-out runs the stateless service, several instances share the listening port and one database. The primary
 * (index.ts) has already loaded the data and applied the collections' schemas and indexes, so an instance only
 * connects and serves. It answers `gc` with its collector pauses so far, in ms.
 */
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
}) as Config & { jwt: { secret: string } };
const db = await connectDatabase(process.env.BENCH_DATABASE_URI!, process.env.BENCH_DATABASE_NAME!);
createApp({
  config,
  db,
  logger: createLogger(config),
  schemas: schemaRegistry(),
}).listen(0, '127.0.0.1');
const pauses = collectorPauses();
process.on('message', (message) => {
  if (message === 'gc') process.send!({ gcPauseMs: pauses() });
});
