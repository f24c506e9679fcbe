import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, ensureJwtSecret, loadConfig, needsDataDir, prepareDataDir, type Config } from './config.js';
import { DatabaseStartError, startDatabase, type StartedDatabase } from './db/start.js';
import { createLogger } from './http/logger.js';
import { modules } from './modules.js';
import { schemaRegistry } from './schemas/registry.js';

/** An operator reads these: one line per problem, no stack, then exit 1. */
function stop(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

let ready: Config & { jwt: { secret: string } };
try {
  const config = loadConfig();
  if (needsDataDir(config)) prepareDataDir(config);
  ready = ensureJwtSecret(config);
} catch (error) {
  if (error instanceof ConfigError) stop(error.problems.map((problem) => `configuration: ${problem}`));
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  stop([`configuration: the JWT secret in DATA_DIR cannot be read or written (${code})`]);
}

const logger = createLogger(ready);
const schemas = schemaRegistry();
let database: StartedDatabase;
try {
  database = await startDatabase(ready, modules, schemas, logger);
} catch (error) {
  if (!(error instanceof DatabaseStartError)) throw error;
  stop([`database: ${error.message}`]);
}
const app = createApp({ config: ready, db: database.db, logger, schemas, modules });

// Express 5 hands a listen error (port taken, address not on this machine) to this callback instead of throwing it.
const server: Server = app.listen(ready.port, ready.host, (error?: NodeJS.ErrnoException) => {
  if (error) {
    void database.close().finally(() => stop([`listen: cannot listen on ${ready.host}:${ready.port} (${error.code ?? error.message})`]));
    return;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : ready.port;
  logger.info({ port }, `listening on http://localhost:${port}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: no new connections, waiting for requests in flight');
  // Requests still running after the grace period are cut so the process always ends.
  const deadline = setTimeout(() => server.closeAllConnections(), ready.shutdownTimeoutMs);
  deadline.unref();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(deadline);
  await database.close();
  logger.info('stopped');
  process.exit(0);
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
