import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, startServer, waitFor, type ServerProcess } from '../helpers/server-process.js';

const EMAIL = 'keeper@example.org';
const PASSWORD = 'a long enough password';

/** The instances' pids and port, from their "listening on" lines. */
function listening(server: ServerProcess): Array<{ pid: number; port: number }> {
  return server
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"listening on'))
    .map((line) => JSON.parse(line) as { pid: number; port: number });
}

/** Logs in on a fresh connection (no keep-alive), so the primary hands each attempt to the next instance. */
async function logIn(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Connection: 'close' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The pids that logged an answer to a login. */
function answeredBy(server: ServerProcess): Set<number> {
  const lines = server.output().split('\n').filter((line) => line.includes('/api/v1/auth/token') && line.includes('"statusCode":200'));
  return new Set(lines.map((line) => (JSON.parse(line) as { pid: number }).pid));
}

describe('several instances (WEB_CONCURRENCY)', function () {
  this.timeout(120_000);
  let cwd: string;
  before(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'registry-instances-'));
    const added = await runCli(cwd, ['user', 'add', '--email', EMAIL, '--role', 'admin'], `${PASSWORD}\n`);
    expect(added.code, added.output).to.equal(0);
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('when WEB_CONCURRENCY=2, then two instances share one port and one database, a killed one is replaced, and SIGTERM stops all with exit 0', async () => {
    const server = startServer(cwd, { PORT: '0', WEB_CONCURRENCY: '2', LOG_LEVEL: 'info', AUTH_RATE_LIMIT_MAX: '1000' });
    try {
      const [first, second] = await waitFor(async () => (listening(server).length >= 2 ? listening(server) : undefined), 80_000, server.output);
      expect(first.port).to.equal(second.port);
      expect(first.pid).to.not.equal(second.pid);
      // Both instances read the account the command-line tool wrote: they use the primary's database.
      for (let i = 0; i < 8; i++) expect(await logIn(first.port)).to.equal(200);
      expect([...answeredBy(server)].sort()).to.deep.equal([first.pid, second.pid].sort());

      process.kill(first.pid, 'SIGKILL');
      const replacement = await waitFor(async () => listening(server)[2], 30_000, server.output);
      expect([first.pid, second.pid]).to.not.include(replacement.pid);
      expect(replacement.port).to.equal(first.port);
      expect(server.output()).to.include('an instance stopped; starting another');
      for (let i = 0; i < 4; i++) expect(await logIn(first.port)).to.equal(200);

      server.child.kill('SIGTERM');
      expect(await server.exited).to.equal(0);
      for (const { pid } of [second, replacement]) expect(() => process.kill(pid, 0), `instance ${pid} still runs`).to.throw();
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('when the instances cannot listen, then the start stops with the reason and exit 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const server = startServer(cwd, { PORT: String(port), HOST: '127.0.0.1', WEB_CONCURRENCY: '2' });
      expect(await server.exited).to.equal(1);
      expect(server.output()).to.include(`listen: cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
      expect(server.output()).to.include('an instance stopped before it could serve');
    } finally {
      taken.close();
    }
  });

  it('when WEB_CONCURRENCY is not a whole number from 1 to 64, then the start refuses it', async () => {
    const server = startServer(cwd, { WEB_CONCURRENCY: '0' });
    expect(await server.exited).to.equal(1);
    expect(server.output().trim()).to.equal('configuration: WEB_CONCURRENCY must be a whole number from 1 to 64 (got "0")');
  });
});
