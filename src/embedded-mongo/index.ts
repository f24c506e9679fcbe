import { EmbeddedServer } from './server.js';

export interface EmbeddedMongoOptions {
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** Data directory; without it everything lives in memory only. */
  dbPath?: string;
  host?: string;
  /** Replica set name reported to clients. */
  setName?: string;
  /** Also listen on `<prefix>/mongodb-<port>.sock` (owner only), as mongod does under /tmp; see `socketUri`. */
  unixSocketPrefix?: string;
  /** Journal size that triggers a checkpoint (default 64 MiB). */
  checkpointJournalBytes?: number;
  /** Open transactions are aborted after this long, as mongod's parameter of that name (default 60). */
  transactionLifetimeLimitSeconds?: number;
  /** Seconds between passes of the TTL monitor, which deletes expired documents (default 60, as mongod). */
  ttlMonitorSleepSecs?: number;
  log?: (message: string) => void;
  /**
   * Once the data directory is open, encode its documents' bytes for replies (see StoredBytes) while the budget allows,
   * so that the first reads after a restart are as quick as later ones. Takes seconds and memory at a large register.
   */
  keepStoredBytes?: boolean;
  /**
   * Called once the data directory is open, before the server listens: the standalone server collects the
   * garbage of opening there, so that no client waits behind that collection.
   */
  opened?: () => void;
}

export interface EmbeddedMongo {
  uri: string;
  port: number;
  /**
   * With `unixSocketPrefix`: the URI of the Unix domain socket, for clients on this machine (cheaper round trips than
   * TCP). It connects directly (`directConnection=true`): the set's member list names the TCP address.
   */
  socketUri?: string;
  /** Stops accepting connections, closes the open ones and checkpoints the data directory. */
  stop(): Promise<void>;
}

/** Starts an in-process server speaking the MongoDB wire protocol. Several may run in one process. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const server = new EmbeddedServer({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    dbPath: options.dbPath,
    setName: options.setName,
    checkpointJournalBytes: options.checkpointJournalBytes,
    transactionLifetimeLimitSeconds: options.transactionLifetimeLimitSeconds,
    ttlMonitorSleepSecs: options.ttlMonitorSleepSecs,
    unixSocketPrefix: options.unixSocketPrefix,
    log: options.log,
  });
  if (options.keepStoredBytes) keepStoredBytes(server, options.log);
  options.opened?.();
  const port = await server.listen();
  let stopping: Promise<void> | undefined;
  const socketPath = server.socketPath;
  return {
    uri: `mongodb://${server.address}/`,
    port,
    socketUri: socketPath === undefined ? undefined : `mongodb://${encodeURIComponent(socketPath)}/?directConnection=true`,
    stop: () => (stopping ??= server.stop()),
  };
}

function keepStoredBytes(server: EmbeddedServer, log?: (message: string) => void): void {
  const started = performance.now();
  const kept = server.engine.keepStoredBytes();
  log?.(`kept the bytes of ${kept} documents for replies in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Math.round(server.engine.storedBytes.heldBytes / 2 ** 20)} MB`);
}
