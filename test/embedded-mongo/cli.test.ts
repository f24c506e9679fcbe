import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { listeningUri, startDb } from '../helpers/server-process.js';

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
      const uri = await listeningUri(db);
      // Logged before the listening line, so before any client could connect.
      const output = db.output();
      expect(output).to.match(/collected the garbage of opening in \d+\.\d s: heap \d+ MB -> \d+ MB/);
      expect(output.indexOf('collected the garbage of opening')).to.be.below(output.indexOf('listening on'));
      const client = await MongoClient.connect(`${uri}?directConnection=true`);
      try {
        const notes = client.db('cli').collection('notes');
        if (round === 1) await notes.insertOne({ _id: 'kept' as never, n: 1 });
        else expect(await notes.findOne({ _id: 'kept' as never })).to.deep.equal({ _id: 'kept', n: 1 });
      } finally {
        await client.close();
      }
      db.child.kill('SIGTERM');
      expect(await db.exited).to.equal(0);
    }
  });
});
