import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';

/** `npm run db` exactly as package.json runs it (its node flags included), without npm in between. */
function startDb(dbPath: string): { child: ChildProcess; uri: Promise<string>; stderr: () => string } {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.db.split(' ');
  expect(script[0]).to.equal('node');
  const child = spawn(process.execPath, [...script.slice(1), '--port', '0', '--dbpath', dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const uri = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (mongodb:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`npm run db exited (${code}): ${err}`)));
  });
  return { child, uri, stderr: () => err };
}

describe('embedded engine: npm run db, the standalone server', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'db-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('when it opens a data directory, then it collects the garbage of opening before it listens, and keeps what was written across a restart', async () => {
    for (const round of [1, 2]) {
      const db = startDb(dir);
      const uri = await db.uri;
      // Logged before the listening line, so before any client could connect.
      expect(db.stderr()).to.match(/collected the garbage of opening in \d+\.\d s: heap \d+ MB -> \d+ MB/);
      const client = await MongoClient.connect(`${uri}?directConnection=true`);
      try {
        const notes = client.db('cli').collection('notes');
        if (round === 1) await notes.insertOne({ _id: 'kept' as never, n: 1 });
        else expect(await notes.findOne({ _id: 'kept' as never })).to.deep.equal({ _id: 'kept', n: 1 });
      } finally {
        await client.close();
      }
      db.child.kill('SIGTERM');
      const [code] = (await once(db.child, 'exit')) as [number];
      expect(code).to.equal(0);
    }
  });
});
