import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { listeningPort, runCli, startServer } from '../helpers/server-process.js';

const EMAIL = 'keeper@example.org';
const PASSWORD = 'a long enough password';
const GRACE_MS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function get(port: number, agent: Agent, pathname: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: pathname, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    }).once('error', reject).end();
  });
}

describe('stopping the service', function () {
  this.timeout(120_000);
  let cwd: string;
  before(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), 'registry-stop-'));
    const added = await runCli(cwd, ['user', 'add', '--email', EMAIL, '--role', 'admin'], `${PASSWORD}\n`);
    expect(added.code, added.output).to.equal(0);
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`when ${signal} arrives during a request and a keep-alive socket sits idle, then the request ends 200 and the process exits 0 soon after`, async () => {
      const server = startServer(cwd, { PORT: '0', SHUTDOWN_TIMEOUT_MS: String(GRACE_MS) });
      const agent = new Agent({ keepAlive: true, maxSockets: 2 });
      try {
        const port = await listeningPort(server);
        // Leaves one keep-alive socket open and idle.
        expect((await get(port, agent, '/healthz')).statusCode).to.equal(200);

        // A sign-in whose body is still arriving when the signal does: in flight on the server.
        const body = JSON.stringify({ email: EMAIL, password: PASSWORD });
        let answer = '';
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/token', agent: new Agent({ keepAlive: true }), headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } });
        const response = new Promise<IncomingMessage>((resolve, reject) => {
          req.once('response', (res) => {
            res.on('data', (chunk: Buffer) => (answer += chunk.toString()));
            res.on('end', () => resolve(res));
          });
          req.once('error', reject);
        });
        req.write(body.slice(0, 10));
        await sleep(300);
        server.child.kill(signal);
        await sleep(500);
        req.end(body.slice(10));

        const res = await response;
        const answeredAt = Date.now();
        expect(res.statusCode).to.equal(200);
        expect(JSON.parse(answer)).to.have.property('token').that.is.a('string');
        expect(res.headers.connection).to.equal('close');
        expect(await server.exited).to.equal(0);
        // Without closing idle sockets the process would wait for keepAliveTimeout or the grace period.
        expect(Date.now() - answeredAt).to.be.below(3000);
        expect(server.output()).to.contain(`"signal":"${signal}"`).and.to.contain('stopped');
      } finally {
        agent.destroy();
        server.child.kill('SIGKILL');
      }
    });
  }
});
