import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dbNodeFlags } from '../../scripts/db-flags.js';

export type EngineMode = 'in-process' | 'separate';

export interface BenchEngine {
  mode: EngineMode;
  /** The URI to connect to; undefined means the default chooser (the in-process embedded engine here). */
  uri?: string;
  stop(): Promise<void>;
}

export function engineMode(value: string | undefined): EngineMode {
  if (value === undefined || value === 'in-process' || value === 'separate') return value ?? 'in-process';
  throw new Error(`BENCH_ENGINE must be in-process or separate, not ${value}`);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * `separate` runs the embedded engine as its own process, exactly as `npm run db` does, so the engine and the
 * application each get an event loop (and on this machine a core) of their own.
 */
export async function startEngine(mode: EngineMode, heapMegabytes: number): Promise<BenchEngine> {
  if (mode === 'in-process') return { mode, stop: async () => {} };
  const port = await freePort();
  const cli = fileURLToPath(new URL('../../src/embedded-mongo/cli.ts', import.meta.url));
  const args = [`--max-old-space-size=${heapMegabytes}`, ...dbNodeFlags(), '--import', 'tsx', cli, '--port', String(port)];
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: process.env.BENCH_ENGINE_NODE_OPTIONS ?? '' },
  });
  // A bench that fails must not leave its engine running (nor wait on it): it holds no data worth a clean stop.
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const listening = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the engine process exited (${code}) before listening`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve(chunk.toString());
    });
  });
  // Its Unix domain socket when it has one, as the service's own chooser connects.
  const socket = / and mongodb:\/\/(\S+)\/\?(\S+)/.exec(listening);
  return {
    mode,
    uri: socket ? `mongodb://${socket[1]}/bench?${socket[2]}` : `mongodb://127.0.0.1:${port}/bench`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
