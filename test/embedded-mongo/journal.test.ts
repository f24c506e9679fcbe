import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Binary, Decimal128, Long, ObjectId, type Document } from 'bson';
import { expect } from 'chai';
import {
  CorruptDataFileError,
  DataDirLockedError,
  openDataDir,
  type DataDir,
} from '../../src/embedded-mongo/persistence/journal.js';

const JOURNAL = 'journal.bson';
const CHECKPOINT = 'checkpoint.bson';

function recovered(dataDir: DataDir): { checkpoint: Document[]; groups: Document[][] } {
  const r = dataDir.recover();
  return { checkpoint: [...r.checkpoint], groups: [...r.groups] };
}

function reopen(dir: string): { checkpoint: Document[]; groups: Document[][] } {
  const d = openDataDir(dir);
  try {
    return recovered(d);
  } finally {
    d.close();
  }
}

describe('embedded-mongo journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-test-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('when groups are appended and the directory reopened, then every group comes back in order with its BSON types', () => {
    const id = new ObjectId();
    const d = openDataDir(dir);
    d.append([{ _id: id, at: new Date(0), big: Long.fromString('9007199254740993'), price: Decimal128.fromString('1.10') }]);
    d.append([{ _id: 2, bin: new Binary(Buffer.from([1, 2, 3]), 4) }, { _id: 3, nested: { a: [1, 'x'] } }]);
    d.append([]);
    d.close();

    const { checkpoint, groups } = reopen(dir);
    expect(checkpoint).to.deep.equal([]);
    expect(groups).to.have.length(3);
    expect(groups[0][0]._id.equals(id)).to.equal(true);
    expect(groups[0][0].at).to.be.instanceOf(Date);
    expect(String(groups[0][0].big)).to.equal('9007199254740993');
    expect(groups[0][0].price.toString()).to.equal('1.10');
    expect(groups[1].map((g) => g._id)).to.deep.equal([2, 3]);
    expect(groups[1][0].bin.sub_type).to.equal(4);
    expect(groups[1][1].nested).to.deep.equal({ a: [1, 'x'] });
    expect(groups[2]).to.deep.equal([]);
  });

  it('when decode options are given, then recovery decodes with them', () => {
    const d = openDataDir(dir);
    d.append([{ n: Long.fromNumber(5) }]);
    d.close();
    const e = openDataDir(dir, { deserialize: { promoteLongs: false } });
    const [[doc]] = [...e.recover().groups];
    e.close();
    expect(doc.n).to.be.instanceOf(Long);
  });

  it('when a checkpoint is taken, then recovery gives its documents and only the groups appended after it', () => {
    const d = openDataDir(dir);
    d.append([{ _id: 1 }]);
    d.checkpoint([{ _id: 1 }, { _id: 2 }]);
    expect(d.journalBytes()).to.be.below(100);
    d.append([{ _id: 3 }]);
    expect(recovered(d).groups).to.deep.equal([[{ _id: 3 }]]);
    d.close();

    const { checkpoint, groups } = reopen(dir);
    expect(checkpoint).to.deep.equal([{ _id: 1 }, { _id: 2 }]);
    expect(groups).to.deep.equal([[{ _id: 3 }]]);
  });

  it('when a checkpoint holds more than one frame of documents, then all of them come back', () => {
    const d = openDataDir(dir);
    const filler = 'x'.repeat(1000);
    function* many() {
      for (let i = 0; i < 10_000; i++) yield { _id: i, filler };
    }
    d.checkpoint(many());
    d.close();
    const { checkpoint } = reopen(dir);
    expect(checkpoint).to.have.length(10_000);
    expect(checkpoint[9_999]._id).to.equal(9_999);
  });

  it('when one document is larger than a checkpoint frame, then it is stored and recovered whole', () => {
    const d = openDataDir(dir);
    d.checkpoint([{ _id: 'small' }, { _id: 'big', s: 'y'.repeat(5 << 20) }, { _id: 'after' }]);
    d.close();
    const { checkpoint } = reopen(dir);
    expect(checkpoint.map((c) => c._id)).to.deep.equal(['small', 'big', 'after']);
    expect(checkpoint[1].s).to.have.length(5 << 20);
  });

  it('when the last frame is cut in the middle, then it is dropped, cut away, and new appends follow the last good frame', () => {
    const d = openDataDir(dir);
    d.append([{ _id: 1 }]);
    const goodEnd = d.journalBytes();
    d.append([{ _id: 2, s: 'torn' }]);
    d.close();
    truncateSync(join(dir, JOURNAL), goodEnd + 11);

    const e = openDataDir(dir);
    expect(e.recoveryNote.droppedJournalBytes).to.equal(11);
    expect(statSync(join(dir, JOURNAL)).size).to.equal(goodEnd);
    expect(recovered(e).groups).to.deep.equal([[{ _id: 1 }]]);
    e.append([{ _id: 3 }]);
    e.close();
    expect(reopen(dir).groups).to.deep.equal([[{ _id: 1 }], [{ _id: 3 }]]);
  });

  it('when a byte of the last frame is flipped, then that frame is dropped and the earlier ones are kept', () => {
    const d = openDataDir(dir);
    d.append([{ _id: 1 }]);
    d.append([{ _id: 2, value: 'will be damaged' }]);
    d.close();
    const path = join(dir, JOURNAL);
    const bytes = readFileSync(path);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(path, bytes);

    expect(reopen(dir).groups).to.deep.equal([[{ _id: 1 }]]);
  });

  it('when only the frame header was written, then the frame is dropped', () => {
    const d = openDataDir(dir);
    d.append([{ _id: 1 }]);
    const goodEnd = d.journalBytes();
    d.append([{ _id: 2 }]);
    d.close();
    truncateSync(join(dir, JOURNAL), goodEnd + 3);
    expect(reopen(dir).groups).to.deep.equal([[{ _id: 1 }]]);
  });

  it('when a crash left a finished checkpoint temp file that was never renamed, then the old state is recovered and the temp file removed', () => {
    const d = openDataDir(dir);
    d.checkpoint([{ _id: 'old' }]);
    d.append([{ _id: 'journaled' }]);
    d.close();
    // Produce a complete next-generation checkpoint elsewhere and leave it as this directory's temp file.
    const other = mkdtempSync(join(tmpdir(), 'journal-test-other-'));
    try {
      const o = openDataDir(other);
      o.checkpoint([{ _id: 'x' }]);
      o.checkpoint([{ _id: 'new' }]);
      o.close();
      copyFileSync(join(other, CHECKPOINT), join(dir, `${CHECKPOINT}.tmp`));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    writeFileSync(join(dir, `${JOURNAL}.tmp`), 'half-written');

    const { checkpoint, groups } = reopen(dir);
    expect(checkpoint).to.deep.equal([{ _id: 'old' }]);
    expect(groups).to.deep.equal([[{ _id: 'journaled' }]]);
    expect(existsSync(join(dir, `${CHECKPOINT}.tmp`))).to.equal(false);
    expect(existsSync(join(dir, `${JOURNAL}.tmp`))).to.equal(false);
  });

  it('when a crash came after the checkpoint rename but before the journal was reset, then the old journal is not replayed', () => {
    const d = openDataDir(dir);
    d.append([{ _id: 1, n: 1 }]);
    d.append([{ $inc: 'applied once' }]);
    d.close();
    const oldJournal = join(dir, 'old-journal');
    copyFileSync(join(dir, JOURNAL), oldJournal);
    const e = openDataDir(dir);
    e.checkpoint([{ _id: 1, n: 2 }]);
    e.close();
    copyFileSync(oldJournal, join(dir, JOURNAL));
    rmSync(oldJournal);

    const f = openDataDir(dir);
    expect(f.recoveryNote.discardedStaleJournal).to.equal(true);
    expect(recovered(f)).to.deep.equal({ checkpoint: [{ _id: 1, n: 2 }], groups: [] });
    f.append([{ _id: 'next' }]);
    f.close();
    expect(reopen(dir).groups).to.deep.equal([[{ _id: 'next' }]]);
  });

  it('when a checkpoint is written in slices while groups are appended, then recovery gives its snapshot and exactly the groups appended since it began', () => {
    const d = openDataDir(dir);
    d.append([{ _id: 'before' }]);
    const snapshot = Array.from({ length: 1_000 }, (_, i) => ({ _id: i }));
    const progress = d.beginCheckpoint(snapshot);
    let slices = 0;
    // A deadline already past: each slice writes the least it may, so appends fall between many slices.
    while (!progress.step(0)) {
      slices++;
      d.append([{ _id: `during-${slices}` }]);
    }
    d.append([{ _id: 'after' }]);
    d.close();

    expect(slices).to.be.greaterThan(5);
    const { checkpoint, groups } = reopen(dir);
    expect(checkpoint).to.deep.equal(snapshot);
    expect(groups.map(([g]) => g._id)).to.deep.equal([...Array.from({ length: slices }, (_, i) => `during-${i + 1}`), 'after']);
  });

  it('when a sliced checkpoint is aborted, then its unfinished file is removed and the journal goes on unchanged', () => {
    const d = openDataDir(dir);
    d.append([{ _id: 1 }]);
    const progress = d.beginCheckpoint(Array.from({ length: 500 }, (_, i) => ({ _id: i })));
    expect(progress.step(0)).to.equal(false);
    expect(existsSync(join(dir, `${CHECKPOINT}.tmp`))).to.equal(true);
    progress.abort();
    expect(existsSync(join(dir, `${CHECKPOINT}.tmp`))).to.equal(false);
    expect(() => progress.step(0)).to.throw(/aborted/);
    d.append([{ _id: 2 }]);
    d.close();
    expect(reopen(dir)).to.deep.equal({ checkpoint: [], groups: [[{ _id: 1 }], [{ _id: 2 }]] });
  });

  it('when a crash came after a sliced checkpoint took effect but before its journal was renamed, then that journal is adopted', () => {
    const d = openDataDir(dir);
    d.append([{ _id: 'in-old-journal' }]);
    d.close();
    const oldJournal = join(dir, 'old-journal');
    copyFileSync(join(dir, JOURNAL), oldJournal);
    const e = openDataDir(dir);
    const progress = e.beginCheckpoint([{ _id: 'in-checkpoint' }]);
    e.append([{ _id: 'during' }]);
    expect(progress.step(Number.POSITIVE_INFINITY)).to.equal(true);
    e.close();
    // The state a stop between the two renames leaves: the new checkpoint, the old journal, the new one as a temp file.
    copyFileSync(join(dir, JOURNAL), join(dir, `${JOURNAL}.tmp`));
    copyFileSync(oldJournal, join(dir, JOURNAL));
    rmSync(oldJournal);

    const f = openDataDir(dir);
    expect(f.recoveryNote.discardedStaleJournal).to.equal(false);
    expect(recovered(f)).to.deep.equal({ checkpoint: [{ _id: 'in-checkpoint' }], groups: [[{ _id: 'during' }]] });
    f.close();
    expect(existsSync(join(dir, `${JOURNAL}.tmp`))).to.equal(false);
  });

  it('when a crash came while a sliced checkpoint was being written, then the old checkpoint and the whole journal are recovered', () => {
    const d = openDataDir(dir);
    d.checkpoint([{ _id: 'old' }]);
    const progress = d.beginCheckpoint(Array.from({ length: 500 }, (_, i) => ({ _id: i })));
    d.append([{ _id: 'during' }]);
    expect(progress.step(0)).to.equal(false);
    // What the stop leaves: the unfinished checkpoint and a journal temp file of the next generation.
    copyFileSync(join(dir, `${CHECKPOINT}.tmp`), join(dir, 'unfinished'));
    const journalTemp = readFileSync(join(dir, JOURNAL));
    d.close();
    copyFileSync(join(dir, 'unfinished'), join(dir, `${CHECKPOINT}.tmp`));
    rmSync(join(dir, 'unfinished'));
    writeFileSync(join(dir, `${JOURNAL}.tmp`), journalTemp.subarray(0, 10));

    expect(reopen(dir)).to.deep.equal({ checkpoint: [{ _id: 'old' }], groups: [[{ _id: 'during' }]] });
    expect(existsSync(join(dir, `${CHECKPOINT}.tmp`))).to.equal(false);
    expect(existsSync(join(dir, `${JOURNAL}.tmp`))).to.equal(false);
  });

  it('when the journal is newer than the checkpoint (the checkpoint was lost), then opening fails clearly', () => {
    const d = openDataDir(dir);
    d.checkpoint([{ _id: 1 }]);
    d.close();
    rmSync(join(dir, CHECKPOINT));
    expect(() => openDataDir(dir)).to.throw(CorruptDataFileError, /newer than checkpoint/);
  });

  it('when the checkpoint is damaged, then opening fails instead of loading part of it', () => {
    const d = openDataDir(dir);
    d.checkpoint([{ _id: 1 }, { _id: 2 }]);
    d.close();
    const path = join(dir, CHECKPOINT);
    const bytes = readFileSync(path);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(path, bytes);
    expect(() => openDataDir(dir)).to.throw(CorruptDataFileError, /checkpoint\.bson/);
    // The failed open must not keep the lock.
    expect(existsSync(join(dir, 'mongod.lock'))).to.equal(false);
  });

  it('when the directory is already open, then a second opener fails naming the owner, and succeeds after close', () => {
    const d = openDataDir(dir);
    expect(() => openDataDir(dir)).to.throw(DataDirLockedError, String(process.pid));
    d.close();
    const e = openDataDir(dir);
    e.close();
  });

  it('when the lock file belongs to a dead process, then it is taken over', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']);
    expect(dead.pid).to.be.a('number');
    writeFileSync(join(dir, 'mongod.lock'), `${dead.pid}\n`);
    const d = openDataDir(dir);
    expect(readFileSync(join(dir, 'mongod.lock'), 'utf8').trim()).to.equal(String(process.pid));
    d.close();
  });

  it('when the directory is closed, then further use fails', () => {
    const d = openDataDir(dir);
    d.close();
    expect(() => d.append([{ _id: 1 }])).to.throw(/closed/);
  });

  it('when the writing process is killed with SIGKILL right after acknowledged appends, then none of them is lost', async function () {
    this.timeout(60_000);
    const journalModule = resolve('src/embedded-mongo/persistence/journal.ts');
    const childCode = `
      import { openDataDir } from ${JSON.stringify(journalModule)};
      const d = openDataDir(${JSON.stringify(dir)});
      for (let i = 0; i < 5000; i++) {
        d.append([{ _id: i, payload: 'p'.repeat(i % 50) }]);
        process.stdout.write(i + '\\n');
      }
      // Stay alive, holding the lock, until killed.
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childCode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lastAck = -1;
    let buffered = '';
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) lastAck = Number(line);
      if (lastAck >= 2000) child.kill('SIGKILL');
    });
    expect(await exited).to.equal('SIGKILL');
    expect(lastAck).to.be.at.least(2000);

    const ids = reopen(dir).groups.map((g) => g[0]._id as number);
    expect(ids.length).to.be.above(lastAck);
    expect(ids.slice(0, lastAck + 1)).to.deep.equal(Array.from({ length: lastAck + 1 }, (_, i) => i));
  });

  it('when a million documents are stored (checkpoint plus journal), then recovery takes a few seconds', function () {
    this.timeout(60_000);
    const d = openDataDir(dir);
    function* docs(from: number, to: number) {
      for (let i = from; i < to; i++) yield { _id: new ObjectId(), i, name: `official ${i}`, at: new Date(i) };
    }
    d.checkpoint(docs(0, 900_000));
    const rest = docs(900_000, 1_000_000);
    for (let g = 0; g < 10_000; g++) d.append(Array.from({ length: 10 }, () => rest.next().value as Document));
    d.close();

    const started = performance.now();
    const e = openDataDir(dir);
    const r = e.recover();
    let count = 0;
    let last = -1;
    for (const doc of r.checkpoint) {
      count++;
      last = doc.i;
    }
    for (const group of r.groups) {
      count += group.length;
      last = group[group.length - 1].i;
    }
    const seconds = (performance.now() - started) / 1000;
    e.close();
    expect(count).to.equal(1_000_000);
    expect(last).to.equal(999_999);
    expect(seconds).to.be.below(8);
  });
});
