import { spawn } from 'node:child_process';
import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from '../../src/embedded-mongo/index.js';

export interface Running {
  server: EmbeddedMongo;
  client: MongoClient;
  db: Db;
}

/** Starts an engine and connects the official driver to it, as an application would. */
export async function startWithClient(options: EmbeddedMongoOptions = {}, dbName = 'test'): Promise<Running> {
  const server = await startEmbeddedMongo(options);
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  return { server, client, db: client.db(dbName) };
}

export async function stopAll(running: Running | undefined): Promise<void> {
  if (!running) return;
  await running.client.close();
  await running.server.stop();
}

/**
 * Runs a writer fixture (which prints `<label> <n>` after each acknowledged write) on `dbPath` until it has
 * acknowledged `count` of them, then kills it with SIGKILL; resolves with the last acknowledged number.
 */
export function runThenKill(writer: string, dbPath: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = -1;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) last = Number(line.split(' ')[1]);
      if (last >= count - 1 && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer exited with ${signal}`))));
    child.on('error', reject);
  });
}
