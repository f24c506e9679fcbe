import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { closedPort, listeningPort, portIsFree, startServer, waitFor } from '../helpers/server-process.js';

describe('starting the service', function () {
  this.timeout(90_000);
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'registry-start-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('when started with no configuration, then /readyz answers 200, and SIGTERM stops it with exit code 0', async () => {
    // Port 3000 is the default; only when something else holds it here does the test pick a free one.
    const env: Record<string, string> = (await portIsFree(3000)) ? {} : { PORT: '0' };
    const server = startServer(cwd, env);
    try {
      const port = await listeningPort(server);
      if (!('PORT' in env)) expect(port).to.equal(3000);
      const ready = await waitFor(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        return res.status === 200 ? res.json() : undefined;
      }, 10_000, server.output);
      expect(ready).to.deep.equal({ status: 'ready' });
      expect(server.output()).to.match(/database: (real-mongod|embedded) \(MONGODB_URI is not set/);
      server.child.kill('SIGTERM');
      expect(await server.exited).to.equal(0);
      expect(server.output()).to.contain('stopped');
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('when the configuration is wrong, then the start stops with one line per problem and a non-zero exit', async () => {
    const server = startServer(cwd, { NODE_ENV: 'production', PORT: 'x' });
    expect(await server.exited).to.equal(1);
    expect(server.output().trim().split('\n')).to.have.members([
      'configuration: PORT must be a whole number from 0 to 65535 (got "x")',
      'configuration: JWT_SECRET is required when NODE_ENV=production',
    ]);
  });

  it('when DATA_DIR lies under a regular file, then one configuration line names it and the exit is 1', async () => {
    writeFileSync(path.join(cwd, 'x'), 'a file, not a directory');
    const server = startServer(cwd, { DATA_DIR: './x/data' });
    expect(await server.exited).to.equal(1);
    expect(server.output().trim().split('\n')).to.deep.equal([`configuration: DATA_DIR ${path.join(cwd, 'x', 'data')} is not a writable directory (ENOTDIR)`]);
  });

  it('when HOST is not an address or a host name, then one configuration line says so and the exit is 1', async () => {
    const server = startServer(cwd, { HOST: 'http://example.org:80' });
    expect(await server.exited).to.equal(1);
    expect(server.output().trim().split('\n')).to.deep.equal(['configuration: HOST must be an IP address or a host name (got "http://example.org:80")']);
  });

  it('when MONGODB_URI cannot be reached, then one database line without its credentials, exit 1, within the selection timeout', async () => {
    const port = await closedPort();
    const started = Date.now();
    const server = startServer(cwd, {
      MONGODB_URI: `mongodb://keeper:s3cret-pass@127.0.0.1:${port}/registry?authSource=admin`,
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1500',
      JWT_SECRET: 'x'.repeat(40),
    });
    expect(await server.exited).to.equal(1);
    expect(Date.now() - started).to.be.below(15_000);
    const lines = server.output().trim().split('\n').filter((line) => !line.startsWith('{'));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(new RegExp(`^database: cannot reach MONGODB_URI \\(mongodb://127\\.0\\.0\\.1:${port}\\): .+`));
    expect(server.output()).not.to.contain('s3cret-pass').and.not.to.contain('keeper').and.not.to.match(/\n\s+at /);
  });
});
