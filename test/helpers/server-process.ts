import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dbNodeFlags } from '../../scripts/db-flags.js';

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const DB_CLI = fileURLToPath(new URL('../../src/embedded-mongo/cli.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Starts the server as `npm start` does, from the given directory, with only the given environment. */
export function startServer(cwd: string, env: Record<string, string>): ServerProcess {
  return run(SERVER, [], cwd, env);
}

/** Runs the command-line tool to its end; `input` goes to its standard input. */
export async function runCli(cwd: string, args: string[], input: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const cli = run(CLI, args, cwd, env, input);
  return { code: await cli.exited, output: cli.output() };
}

/**
 * Starts the embedded engine's standalone server as `npm run db` does, with the node flags that script gives it
 * (package.json is read, so a flag dropped there is dropped here), on a free port over `dbPath`.
 */
export function startDb(dbPath: string, args: string[] = []): ServerProcess {
  return run(DB_CLI, ['--port', '0', '--dbpath', dbPath, ...args], process.cwd(), {}, undefined, dbNodeFlags());
}

/** The URI the standalone engine said it listens on. */
export function listeningUri(server: ServerProcess, timeoutMs = 60_000): Promise<string> {
  return waitFor(async () => /listening on (mongodb:\/\/\S+)/.exec(server.output())?.[1], timeoutMs, server.output);
}

function run(script: string, args: string[], cwd: string, env: Record<string, string>, input?: string, nodeFlags: string[] = []): ServerProcess {
  const child = spawn(process.execPath, [...nodeFlags, '--import', TSX, script, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out: ${what()}`);
}

/** The port the server said it listens on. */
export function listeningPort(server: ServerProcess, timeoutMs = 80_000): Promise<number> {
  return waitFor(async () => {
    const match = /listening on http:\/\/localhost:(\d+)/.exec(server.output());
    return match ? Number(match[1]) : undefined;
  }, timeoutMs, server.output);
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer().once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** A port nothing listens on: bound once to learn a free number, then released. */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
