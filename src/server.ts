import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, ensureJwtSecret, loadConfig, type Config } from './config.js';
import { startDatabase } from './db/start.js';
import { createLogger } from './http/logger.js';
import { modules } from './modules.js';
import { schemaRegistry } from './schemas/registry.js';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) console.error(`configuration: ${problem}`);
  process.exit(1);
}

const logger = createLogger(config);
const ready = ensureJwtSecret(config);
const schemas = schemaRegistry();
const database = await startDatabase(ready, modules, schemas, logger);
const app = createApp({ config: ready, db: database.db, logger, schemas, modules });

const server: Server = app.listen(ready.port, ready.host, () => {
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
