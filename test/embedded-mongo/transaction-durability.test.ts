import { expect } from 'chai';
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runThenKill, startWithClient, stopAll, type Running } from './support.js';

const WRITER = new URL('./fixtures/transfer-writer.ts', import.meta.url).pathname;

/** Balances and ledger agree exactly when every transaction is there whole or not at all. */
async function expectWholeTransfers(running: Running): Promise<number> {
  const accounts = await running.db.collection('accounts').find({}, { sort: { _id: 1 } }).toArray();
  const ledger = await running.db.collection('ledger').countDocuments();
  expect(accounts.map((a) => a.balance as number).reduce((x, y) => x + y, 0)).to.equal(2000);
  expect(accounts[0].balance).to.equal(1000 - ledger);
  return ledger;
}

describe('embedded engine: transaction commits survive a crash all or nothing', function () {
  this.timeout(60_000);
  let dir: string;
  let running: Running | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-txn-'));
  });
  afterEach(async () => {
    await stopAll(running);
    running = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the process is killed with SIGKILL between commits, then every committed transaction is there whole', async () => {
    const last = await runThenKill(WRITER, dir, 40);
    running = await startWithClient({ dbPath: dir }, 'bank');
    const ledger = await expectWholeTransfers(running);
    expect(ledger).to.be.at.least(last + 1);
  });

  it('when the last commit frame is torn, then none of that transaction remains and the earlier ones do', async () => {
    const last = await runThenKill(WRITER, dir, 20);
    const journal = join(dir, 'journal.bson');
    // Cutting into the last frame leaves a commit half written, as a crash during its write would.
    truncateSync(journal, statSync(journal).size - 9);
    running = await startWithClient({ dbPath: dir }, 'bank');
    const ledger = await expectWholeTransfers(running);
    expect(ledger).to.be.at.least(last);
    expect(ledger).to.be.at.most(last + 1);
  });
});
