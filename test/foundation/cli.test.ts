import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

function cli(args: string[], stdin: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => resolve({ code, out }));
    child.stdin.end(stdin);
  });
}

describe('command line: user add', function () {
  this.timeout(90_000);
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'registry-cli-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when the password on standard input is too short, then nothing is created and the field is named', async () => {
    const result = await cli(['user', 'add', '--email', 'admin@example.test', '--role', 'admin'], 'short\n', { DATA_DIR: dataDir });
    expect(result.code).to.equal(1);
    expect(result.out.trim()).to.equal('password: must NOT have fewer than 12 characters');
  });

  it('when an admin is added on a fresh install, then it is created, and adding it again is refused', async () => {
    const args = ['user', 'add', '--email', 'Admin@Example.test', '--role', 'admin'];
    const first = await cli(args, 'a long passphrase here\n', { DATA_DIR: dataDir });
    expect(first.out).to.match(/^created admin admin@example\.test \([0-9a-f]{24}\)$/m);
    expect(first.code).to.equal(0);
    const again = await cli(args, 'a long passphrase here\n', { DATA_DIR: dataDir });
    expect(again.code).to.equal(1);
    expect(again.out).to.contain('An account with this email exists.');
  });

  it('when the role is missing, then the usage is printed', async () => {
    const result = await cli(['user', 'add', '--email', 'x@example.test'], '', { DATA_DIR: dataDir });
    expect(result.code).to.equal(2);
    expect(result.out).to.contain('Usage: npm run cli -- user add');
  });
});
