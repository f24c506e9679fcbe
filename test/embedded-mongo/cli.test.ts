import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { dbNodeFlags } from '../../scripts/db-flags.js';
import { listeningUri, startDb } from '../helpers/server-process.js';

describe('embedded engine: npm run db, the standalone server', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'db-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('when it opens a data directory, then it keeps its documents\' bytes for replies and collects the garbage of opening before it listens, keeps its young generation at the size npm run db sets, and keeps what was written across a restart', async () => {
    // A young generation shrunk by that collection meant a young collection every 20 requests at a million meetings.
    const minimum = Number(dbNodeFlags().find((flag) => flag.startsWith('--min-semi-space-size='))?.split('=')[1]);
    expect(minimum, 'npm run db sets --min-semi-space-size').to.be.at.least(16);
    for (const round of [1, 2]) {
      // Round 1 listens on a Unix domain socket too (in the test's directory), round 2 is told not to.
      const socketArgs = round === 1 ? ['--unixSocketPrefix', dir] : ['--nounixsocket'];
      const db = startDb(dir, ['--setParameter', `ttlMonitorSleepSecs=${round * 10}`, ...socketArgs]);
      const uri = await listeningUri(db);
      // Logged before the listening line, so before any client could connect.
      const output = db.output();
      const opening = /collected the garbage of opening in \d+\.\d s: heap \d+ MB -> \d+ MB, young generation (\d+) MB/.exec(output);
      expect(opening, output).to.not.equal(null);
      // Two semi-spaces, each at least the minimum.
      expect(Number(opening![1])).to.be.at.least(2 * minimum);
      expect(output.indexOf('collected the garbage of opening')).to.be.below(output.indexOf('listening on'));
      // The stored documents' bytes for replies are encoded before the first client can ask: the note of round 1 among them.
      const kept = /kept the bytes of (\d+) documents for replies in \d+\.\d s: \d+ MB/.exec(output);
      expect(kept, output).to.not.equal(null);
      expect(Number(kept![1])).to.equal(round === 1 ? 0 : 1);
      expect(output.indexOf('kept the bytes of')).to.be.below(output.indexOf('listening on'));
      const socketUri = / and (mongodb:\/\/\S+)/.exec(output)?.[1];
      if (round === 1) expect(socketUri).to.equal(`mongodb://${encodeURIComponent(path.join(dir, `mongodb-${new URL(uri).port}.sock`))}/?directConnection=true`);
      else expect(socketUri).to.equal(undefined);
      const client = await MongoClient.connect(socketUri ?? `${uri}?directConnection=true`);
      try {
        const notes = client.db('cli').collection('notes');
        if (round === 1) await notes.insertOne({ _id: 'kept' as never, n: 1 });
        else expect(await notes.findOne({ _id: 'kept' as never })).to.deep.equal({ _id: 'kept', n: 1 });
        expect((await client.db('admin').command({ getParameter: 1, ttlMonitorSleepSecs: 1 })).ttlMonitorSleepSecs).to.equal(round * 10);
      } finally {
        await client.close();
      }
      db.child.kill('SIGTERM');
      expect(await db.exited).to.equal(0);
    }
  });

  it('when --setParameter names a parameter it does not have, or a value that is not whole seconds, then it exits with status 2 saying which', async () => {
    for (const setting of ['noSuchParameter=1', 'ttlMonitorSleepSecs=0', 'transactionLifetimeLimitSeconds=soon']) {
      const db = startDb(dir, ['--setParameter', setting]);
      expect(await db.exited, setting).to.equal(2);
      expect(db.output()).to.include(`--setParameter ${setting}: expected one of ttlMonitorSleepSecs, transactionLifetimeLimitSeconds`);
    }
  });
});
