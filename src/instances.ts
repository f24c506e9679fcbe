import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { StartedDatabase } from './db/start.js';

/** More restarts than this within RESTART_WINDOW_MS means something is wrong that restarting will not mend. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 500;
/** Beyond the instances' own grace period, how long the primary waits before it kills them. */
const KILL_MARGIN_MS = 5_000;

/** The URI with the database name in its path, so an instance connects to the very database the primary prepared. */
function uriWithDatabase(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)\/?([^?]*)(\?.*)?$/.exec(uri);
  if (!match || match[2] !== '') return uri;
  return `${match[1]}/${name}${match[3] ?? ''}`;
}

/**
 * WEB_CONCURRENCY > 1: this process is the primary. It has started (or reached) the database and applied the
 * collections; it now forks that many instances of the service, which share the listening port (node:cluster hands
 * each new connection to the next instance) and connect to the same database through MONGODB_URI. When the embedded
 * engine is the database, it lives here, so its collector never pauses an instance serving requests.
 *
 * An instance that dies is replaced, unless it died before it ever listened (a start-up fault, such as a port in
 * use) or instances keep dying; then everything stops with exit 1. SIGTERM or SIGINT stops the instances gracefully
 * (each finishes its requests in flight), then the database, then exits 0.
 */
export function superviseInstances(config: Config, database: StartedDatabase, logger: Logger): void {
  const env = { MONGODB_URI: uriWithDatabase(database.choice.uri, database.choice.name) };
  const restarts: number[] = [];
  let stopping = false;

  const start = (): void => {
    const worker = cluster.fork(env);
    let listened = false;
    worker.once('listening', () => (listened = true));
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      if (!listened) {
        logger.error({ pid: worker.process.pid, code, signal }, 'an instance stopped before it could serve; stopping');
        return void stop(1);
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        logger.error({ restarts: restarts.length }, `instances keep stopping (${restarts.length} in a minute); stopping`);
        return void stop(1);
      }
      logger.error({ pid: worker.process.pid, code, signal }, 'an instance stopped; starting another');
      setTimeout(() => stopping || start(), RESTART_DELAY_MS);
    });
  };

  async function stop(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
    logger.info({ instances: alive.length }, 'shutting down: stopping the instances, then the database');
    const exited = Promise.all(alive.map((worker) => new Promise((resolve) => worker.once('exit', resolve))));
    for (const worker of alive) worker.process.kill('SIGTERM');
    const deadline = setTimeout(() => alive.forEach((worker) => worker.process.kill('SIGKILL')), config.shutdownTimeoutMs + KILL_MARGIN_MS);
    await exited;
    clearTimeout(deadline);
    await database.close();
    logger.info('stopped');
    process.exit(code);
  }

  logger.info({ instances: config.webConcurrency }, `serving HTTP from ${config.webConcurrency} instances`);
  for (let i = 0; i < config.webConcurrency; i++) start();
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));
}
