import os from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startRealMongod } from './real-mongod.js';

export type DatabaseSource = 'configured' | 'real-mongod' | 'embedded';

export interface DatabaseChoice {
  source: DatabaseSource;
  uri: string;
  /** Database name inside the server. */
  name: string;
  /** One sentence for the start-up log: what was chosen and why. */
  reason: string;
  /** Stops the server this process started (nothing for a configured one). */
  stop(): Promise<void>;
}

export interface ChooseOptions {
  mongodbUri?: string;
  dataDir: string;
  /** Give up on getting a real mongod binary after this long. */
  downloadTimeoutMs: number;
  /**
   * A fresh database nobody else uses, on a server shared by the whole process and kept in memory.
   * Tests ask for this; the real-mongod attempt still happens at most once per process.
   */
  isolated?: boolean;
}

interface StartedServer {
  uri: string;
  stop(): Promise<void>;
}

type RealMongodResult = StartedServer | { unavailable: string };

const DEFAULT_NAME = 'registry';

export async function chooseDatabase(options: ChooseOptions): Promise<DatabaseChoice> {
  if (options.mongodbUri !== undefined) {
    const name = options.isolated ? uniqueName() : (nameInUri(options.mongodbUri) ?? DEFAULT_NAME);
    return {
      source: 'configured',
      uri: options.mongodbUri,
      name,
      reason: 'MONGODB_URI is set',
      stop: async () => {},
    };
  }
  if (options.isolated) {
    const shared = await (sharedServer ??= startServer(undefined, options.downloadTimeoutMs));
    // The shared server outlives any one caller; it ends with the process.
    return { ...shared.choice, name: uniqueName(), stop: async () => {} };
  }
  const { choice } = await startServer(options.dataDir, options.downloadTimeoutMs);
  return choice;
}

let sharedServer: Promise<{ choice: DatabaseChoice }> | undefined;

async function startServer(dataDir: string | undefined, downloadTimeoutMs: number): Promise<{ choice: DatabaseChoice }> {
  const real = await attemptRealMongod(dataDir, downloadTimeoutMs);
  if (!('unavailable' in real)) {
    return {
      choice: {
        source: 'real-mongod',
        uri: real.uri,
        name: DEFAULT_NAME,
        reason: `MONGODB_URI is not set and a mongod binary is available${dataDir ? `; data in ${path.join(dataDir, 'mongod')}` : ' (in memory)'}`,
        stop: real.stop,
      },
    };
  }
  const engine = await startEmbedded(dataDir === undefined ? undefined : path.join(dataDir, 'embedded'));
  return {
    choice: {
      source: 'embedded',
      uri: engine.uri,
      name: DEFAULT_NAME,
      reason: `MONGODB_URI is not set and no mongod could be had (${real.unavailable}); using the embedded engine${dataDir ? ` with data in ${path.join(dataDir, 'embedded')}` : ' in memory'}`,
      stop: engine.stop,
    },
  };
}

// A failed attempt (no binary, download gave up) is remembered so a process never waits for it twice.
let realMongodUnavailable: string | undefined;

async function attemptRealMongod(dataDir: string | undefined, timeoutMs: number): Promise<RealMongodResult> {
  if (realMongodUnavailable !== undefined) return { unavailable: realMongodUnavailable };
  const result = await startRealMongod({
    replSet: true,
    dbPath: dataDir === undefined ? undefined : path.join(dataDir, 'mongod'),
    timeoutMs,
  });
  if ('unavailable' in result) realMongodUnavailable = result.unavailable;
  return result;
}

/**
 * The embedded engine, reached through its Unix domain socket where the platform has them: the service and its
 * instances are on the same machine, and a round trip over the socket costs both sides less CPU than over TCP.
 */
async function startEmbedded(dbPath: string | undefined): Promise<StartedServer> {
  const { startEmbeddedMongo } = await import('../embedded-mongo/index.js');
  const unixSocketPrefix = process.platform === 'win32' ? undefined : os.tmpdir();
  const engine = await startEmbeddedMongo({ port: 0, host: '127.0.0.1', dbPath, unixSocketPrefix });
  return { uri: engine.socketUri ?? engine.uri, stop: () => engine.stop() };
}

function uniqueName(): string {
  return `registry_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

function nameInUri(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
