import { accessSync, constants } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { delimiter, join } from 'node:path';
import { DryMongoBinary, MongoBinary, MongoMemoryReplSet, MongoMemoryServer } from 'mongodb-memory-server-core';

export interface RealMongodOptions {
  /** A one-member replica set, so transactions work. */
  replSet?: boolean;
  /** Keep data here instead of a temporary directory. */
  dbPath?: string;
  /** Give up (finding, downloading and starting together) after this long. Default 15 s. */
  timeoutMs?: number;
}

export type RealMongod = { uri: string; stop(): Promise<void> } | { unavailable: string };

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Starts a real `mongod` through mongodb-memory-server: the binary named by MONGOMS_SYSTEM_BINARY, else `mongod` on
 * PATH, else one already in mongodb-memory-server's cache, else a download. Never throws and never hangs past the
 * timeout: when no server can be had it answers `{ unavailable: reason }`.
 */
export async function startRealMongod(opts: RealMongodOptions = {}): Promise<RealMongod> {
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let binary: string;
  try {
    binary = (await localBinary()) ?? (await download(deadline));
  } catch (err) {
    return { unavailable: `no mongod binary: ${reason(err)}` };
  }

  const starting = opts.replSet ? startReplSet(binary, opts.dbPath) : startSingle(binary, opts.dbPath);
  try {
    return await withDeadline(starting, deadline, 'starting mongod');
  } catch (err) {
    // A start that finishes after we gave up must not leave a server running.
    starting.then((server) => server.stop(), () => undefined).catch(() => undefined);
    return { unavailable: `mongod ${binary} did not start: ${reason(err)}` };
  }
}

/** A binary that needs no network: the configured one, one on PATH, or one already downloaded. */
async function localBinary(): Promise<string | null> {
  const configured = process.env.MONGOMS_SYSTEM_BINARY;
  if (configured) return configured;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'mongod.exe' : 'mongod');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  try {
    return (await DryMongoBinary.locateBinary({ version: '' })) ?? null;
  } catch {
    return null;
  }
}

/**
 * The library retries a failed download with growing pauses, even when the host does not resolve; a name lookup
 * first makes an offline machine give up at once.
 */
async function download(deadline: number): Promise<string> {
  const mirror = process.env.MONGOMS_DOWNLOAD_MIRROR ?? 'https://fastdl.mongodb.org';
  const host = new URL(mirror).hostname;
  try {
    await withDeadline(lookup(host), deadline, `looking up ${host}`);
  } catch (err) {
    throw new Error(`cannot download one: ${host} is unreachable (${reason(err)})`);
  }
  return withDeadline(MongoBinary.getPath(), deadline, 'downloading mongod');
}

async function startSingle(binary: string, dbPath?: string): Promise<{ uri: string; stop(): Promise<void> }> {
  const server = await MongoMemoryServer.create({
    binary: { systemBinary: binary },
    instance: dbPath ? { dbPath, storageEngine: 'wiredTiger' } : {},
  });
  return {
    uri: server.getUri(),
    stop: async () => {
      await server.stop({ doCleanup: !dbPath, force: false });
    },
  };
}

async function startReplSet(binary: string, dbPath?: string): Promise<{ uri: string; stop(): Promise<void> }> {
  const set = await MongoMemoryReplSet.create({
    binary: { systemBinary: binary },
    replSet: { count: 1, storageEngine: 'wiredTiger' },
    instanceOpts: dbPath ? [{ dbPath }] : [],
  });
  await set.waitUntilRunning();
  return {
    uri: set.getUri(),
    stop: async () => {
      await set.stop({ doCleanup: !dbPath, force: false });
    },
  };
}

function withDeadline<T>(work: Promise<T>, deadline: number, what: string): Promise<T> {
  const ms = Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than the time allowed`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0];
}
