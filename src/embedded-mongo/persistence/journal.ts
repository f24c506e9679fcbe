import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { serialize, type DeserializeOptions, type Document } from 'bson';
import { countDocuments, decodeDocuments } from './codec.js';
import {
  CHECKPOINT_FILE,
  CheckpointFileWriter,
  CorruptDataFileError,
  createEmptyJournal,
  fsyncDirectory,
  JOURNAL_FILE,
  readHeader,
  TEMP_SUFFIX,
  verifyCheckpointFile,
  writeFully,
  writeJournalTemp,
} from './files.js';
import { encodeFrame, FrameKind, readFrames } from './frame.js';
import { acquireLock } from './lock.js';

export { DataDirLockedError } from './lock.js';
export { CorruptDataFileError } from './files.js';

export interface DataDir {
  /** Recovered state: the last checkpoint's documents, then the journal's intact record groups in order. */
  recover(): { checkpoint: Iterable<Document>; groups: Iterable<Document[]> };
  /** Appends one group of records as ONE framed, checksummed entry, written synchronously before returning, so an
   *  acknowledged write survives kill -9 of the process. A torn or corrupt last frame is dropped on recovery (and
   *  truncated away so new appends follow the last good frame); never half-applied. */
  append(group: Document[]): void;
  /** Writes a new checkpoint atomically (temp file + fsync + rename), then starts an empty journal. Both files carry
   *  a generation number, so a crash between the steps never replays a journal onto a checkpoint that contains it. */
  checkpoint(all: Iterable<Document>): void;
  /**
   * Starts a checkpoint of `all` (a snapshot its caller will not change) that is written a slice at a time, so a large
   * data set never stops the server for the whole write. Appends go on meanwhile; when the last slice is written, the
   * frames appended since the start become the new journal. Only one at a time; `checkpoint` and `close` abort it.
   */
  beginCheckpoint(all: Iterable<Document>): CheckpointInProgress;
  journalBytes(): number;
  close(): void;
}

export interface CheckpointInProgress {
  /** Writes documents until `deadline` (a performance.now() time) has passed; true once the checkpoint took effect. */
  step(deadline: number): boolean;
  /** Gives the checkpoint up, removing its unfinished file; the journal goes on as if it had never started. */
  abort(): void;
}

/** How many documents are written between two looks at the clock. */
const DOCUMENTS_PER_CLOCK_CHECK = 64;

export interface DataDirOptions {
  /** How stored records are decoded on recovery; use the same options the engine decodes wire messages with. */
  deserialize?: DeserializeOptions;
  /** Also fdatasync after every append, so acknowledged writes survive an operating-system crash or power loss, not
   *  only the death of the process. Slower. */
  syncEveryAppend?: boolean;
}

/** What opening found and repaired; useful to log. */
export interface RecoveryNote {
  generation: number;
  /** Bytes of a torn or corrupt journal tail that were cut away. */
  droppedJournalBytes: number;
  /** A journal older than the checkpoint (a crash right after a checkpoint) was discarded. */
  discardedStaleJournal: boolean;
}

export function openDataDir(dir: string, options: DataDirOptions = {}): DataDir & { recoveryNote: RecoveryNote } {
  mkdirSync(dir, { recursive: true });
  const releaseLock = acquireLock(dir);
  try {
    return new JournaledDataDir(dir, releaseLock, options);
  } catch (err) {
    releaseLock();
    throw err;
  }
}

class JournaledDataDir implements DataDir {
  readonly recoveryNote: RecoveryNote;
  private readonly checkpointPath: string;
  private readonly journalPath: string;
  private readonly decodeOptions: DeserializeOptions;
  private generation: number;
  private journalFd: number | null;
  private closed = false;
  private journalStart = 0;
  private journalEnd = 0;
  private inProgress?: CheckpointInProgress;

  constructor(
    private readonly dir: string,
    private readonly releaseLock: () => void,
    private readonly options: DataDirOptions,
  ) {
    this.checkpointPath = join(dir, CHECKPOINT_FILE);
    this.journalPath = join(dir, JOURNAL_FILE);
    this.decodeOptions = options.deserialize ?? {};
    // A checkpoint temp file is an unfinished checkpoint that never took effect.
    rmSync(this.checkpointPath + TEMP_SUFFIX, { force: true });

    this.generation = 0;
    if (existsSync(this.checkpointPath)) {
      this.generation = readHeader(this.checkpointPath, 'checkpoint').generation;
      verifyCheckpointFile(this.checkpointPath);
    }
    this.recoveryNote = { generation: this.generation, droppedJournalBytes: 0, discardedStaleJournal: false };
    this.journalFd = this.openJournal();
  }

  /**
   * A journal temp file of the checkpoint's generation, beside an older journal (or none), is the journal a checkpoint
   * had finished writing, fsynced, before the checkpoint took effect: the stop came before its rename. It holds the
   * frames appended while the checkpoint was written, so it is renamed into place. Any other temp file never took
   * effect and is removed.
   */
  private adoptFinishedJournal(): void {
    const temp = this.journalPath + TEMP_SUFFIX;
    if (!existsSync(temp)) return;
    let adopt = false;
    try {
      adopt =
        readHeader(temp, 'journal').generation === this.generation &&
        this.generation > 0 &&
        (!existsSync(this.journalPath) || readHeader(this.journalPath, 'journal').generation < this.generation);
    } catch (err) {
      if (!(err instanceof CorruptDataFileError)) throw err;
    }
    if (!adopt) {
      rmSync(temp, { force: true });
      return;
    }
    renameSync(temp, this.journalPath);
    fsyncDirectory(this.dir);
  }

  private openJournal(): number {
    this.adoptFinishedJournal();
    if (existsSync(this.journalPath)) {
      const header = readHeader(this.journalPath, 'journal');
      if (header.generation > this.generation) {
        throw new CorruptDataFileError(
          this.journalPath,
          `journal generation ${header.generation} is newer than checkpoint generation ${this.generation}`,
        );
      }
      if (header.generation < this.generation) {
        this.recoveryNote.discardedStaleJournal = true;
        createEmptyJournal(this.dir, this.journalPath, this.generation);
        return this.openJournal();
      }
      this.journalStart = header.end;
      this.journalEnd = this.findIntactEnd(header.end);
    } else {
      createEmptyJournal(this.dir, this.journalPath, this.generation);
      return this.openJournal();
    }
    const fd = openSync(this.journalPath, 'r+');
    const size = fstatSync(fd).size;
    if (size > this.journalEnd) {
      this.recoveryNote.droppedJournalBytes = size - this.journalEnd;
      ftruncateSync(fd, this.journalEnd);
      fsyncSync(fd);
    }
    return fd;
  }

  /** Offset just past the last frame that is whole, checksummed and well formed. */
  private findIntactEnd(start: number): number {
    let end = start;
    for (const scan of readFrames(this.journalPath, start)) {
      if ('broken' in scan) break;
      if (scan.frame.kind !== FrameKind.group || countDocuments(scan.frame.body) < 0) break;
      end = scan.frame.end;
    }
    return end;
  }

  recover(): { checkpoint: Iterable<Document>; groups: Iterable<Document[]> } {
    this.ensureOpen();
    const checkpointPath = existsSync(this.checkpointPath) ? this.checkpointPath : null;
    const { journalPath, journalStart, journalEnd, decodeOptions } = this;
    return {
      checkpoint: {
        *[Symbol.iterator]() {
          if (checkpointPath === null) return;
          for (const scan of readFrames(checkpointPath)) {
            if ('broken' in scan) throw new CorruptDataFileError(checkpointPath, `damaged frame at byte ${scan.at}`);
            if (scan.frame.kind === FrameKind.end) return;
            if (scan.frame.kind === FrameKind.data) yield* decodeDocuments(scan.frame.body, decodeOptions);
          }
        },
      },
      groups: {
        *[Symbol.iterator]() {
          for (const scan of readFrames(journalPath, journalStart, journalEnd)) {
            if ('broken' in scan) throw new CorruptDataFileError(journalPath, `damaged frame at byte ${scan.at}`);
            yield decodeDocuments(scan.frame.body, decodeOptions);
          }
        },
      },
    };
  }

  append(group: Document[]): void {
    const fd = this.ensureOpen();
    const frame = encodeFrame(FrameKind.group, group.map((doc) => serialize(doc)));
    try {
      writeFully(fd, frame, this.journalEnd);
      if (this.options.syncEveryAppend) fdatasyncSync(fd);
    } catch (err) {
      // Cut a partial frame away now rather than leave it for recovery to find.
      try {
        ftruncateSync(fd, this.journalEnd);
      } catch {
        // The original error says more than this one.
      }
      throw err;
    }
    this.journalEnd += frame.length;
  }

  checkpoint(all: Iterable<Document>): void {
    this.inProgress?.abort();
    // In one slice nothing can be appended meanwhile, so the new journal starts empty.
    this.beginCheckpoint(all).step(Number.POSITIVE_INFINITY);
  }

  beginCheckpoint(all: Iterable<Document>): CheckpointInProgress {
    this.ensureOpen();
    if (this.inProgress) throw new Error('a checkpoint is already being written');
    const next = this.generation + 1;
    const writer = new CheckpointFileWriter(this.checkpointPath + TEMP_SUFFIX, next);
    // Every frame from here on is newer than the snapshot, so it goes into the new journal.
    const tailStart = this.journalEnd;
    const documents = all[Symbol.iterator]();
    const progress: CheckpointInProgress = {
      step: (deadline) => {
        if (this.inProgress !== progress) throw new Error('this checkpoint was aborted');
        try {
          for (let n = 1; ; n++) {
            const item = documents.next();
            if (item.done) break;
            writer.add(item.value);
            if (n % DOCUMENTS_PER_CLOCK_CHECK === 0 && performance.now() >= deadline) return false;
          }
          writer.finish();
          this.inProgress = undefined;
          this.takeEffect(writer.path, next, tailStart);
          return true;
        } catch (err) {
          progress.abort();
          throw err;
        }
      },
      abort: () => {
        if (this.inProgress === progress) this.inProgress = undefined;
        writer.abort();
      },
    };
    this.inProgress = progress;
    return progress;
  }

  /**
   * Makes a written checkpoint the current one. The new journal (the frames appended since the snapshot) is written and
   * fsynced first, so whichever step a crash interrupts, recovery finds either the old checkpoint with the whole old
   * journal, or the new checkpoint with the new journal (renamed into place on opening if the stop came before).
   */
  private takeEffect(checkpointTemp: string, generation: number, tailStart: number): void {
    const fd = this.ensureOpen();
    const journalTemp = writeJournalTemp(this.journalPath, generation, { fd, start: tailStart, end: this.journalEnd });
    renameSync(checkpointTemp, this.checkpointPath);
    fsyncDirectory(this.dir);
    this.generation = generation;
    this.recoveryNote.generation = generation;
    closeSync(fd);
    this.journalFd = null;
    renameSync(journalTemp, this.journalPath);
    fsyncDirectory(this.dir);
    this.journalFd = this.openJournal();
  }

  journalBytes(): number {
    return this.journalEnd;
  }

  close(): void {
    if (this.closed) return;
    this.inProgress?.abort();
    this.closed = true;
    if (this.journalFd !== null) closeSync(this.journalFd);
    this.journalFd = null;
    this.releaseLock();
  }

  private ensureOpen(): number {
    if (this.closed) throw new Error(`data directory ${this.dir} is closed`);
    // Null only after a checkpoint failed between its steps; reopening repairs whatever state it left.
    this.journalFd ??= this.openJournal();
    return this.journalFd;
  }
}
