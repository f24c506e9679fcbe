import cluster from 'node:cluster';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, ensureJwtSecret, loadConfig, needsDataDir, prepareDataDir, type Config } from './config.js';
import { DatabaseStartError, startDatabase, type StartedDatabase } from './db/start.js';
import { createLogger } from './http/logger.js';
import { superviseInstances } from './instances.js';
import { modules } from './modules.js';
import { schemaRegistry } from './schemas/registry.js';

const IDLE_SWEEP_MS = 100;

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
// With WEB_CONCURRENCY > 1 the primary prepares the database and forks the instances, which skip that step.
const primary = ready.webConcurrency > 1 && cluster.isPrimary;
let database: StartedDatabase;
try {
  database = await startDatabase(ready, modules, schemas, logger, { collections: !cluster.isWorker });
} catch (error) {
  if (!(error instanceof DatabaseStartError)) throw error;
  stop([`database: ${error.message}`]);
}
if (primary) superviseInstances(ready, database, logger);
else serve(database);

function serve(database: StartedDatabase): void {
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
  // Responses sent while stopping ask the client to hang up, so a keep-alive socket does not outlive its last request;
  // the ones already in flight when the signal comes are kept here to be told too.
  const unanswered = new Set<ServerResponse>();
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) return void res.setHeader('Connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
  });

  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    unanswered.clear();
    logger.info({ signal }, 'shutting down: no new connections, waiting for requests in flight');
    // Requests still running after the grace period are cut so the process always ends.
    const deadline = setTimeout(() => server.closeAllConnections(), ready.shutdownTimeoutMs);
    deadline.unref();
    // server.close() only ends the sockets idle at that moment; one whose request finishes later would hold it open
    // until the client or keepAliveTimeout gives up, so idle sockets are swept until the server is closed.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    clearInterval(sweep);
    clearTimeout(deadline);
    await database.close();
    logger.info('stopped');
    process.exit(0);
  }

  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
