import { Timestamp, type Document } from 'bson';
import { nextOpTime } from './clock.js';
import { Catalog } from './storage/catalog.js';
import { WriteBatch } from './storage/write-batch.js';
import { CursorRegistry } from './cursors.js';
import { StoredBytes } from './stored-bytes.js';
import { openDataDir, type CheckpointInProgress, type DataDir } from './persistence/journal.js';
import { DESERIALIZE_OPTIONS } from './wire.js';
import { SessionRegistry } from './sessions/registry.js';
import { expiredDocuments } from './storage/expiry.js';
import { canonicalKey } from './query/bson-order.js';

/**
 * How long one slice of a checkpoint keeps the server from answering: at least, and at most. A command that arrives
 * during a slice waits for its end, so the least is short: with 10 ms, a query of 2 ms took 24 ms while a checkpoint
 * was written (bench:db -- large). An idle server runs slice after slice, so short ones cost the checkpoint little.
 */
const MIN_CHECKPOINT_SLICE_MS = 1;
const MAX_CHECKPOINT_SLICE_MS = 100;
/** Checkpoint once the journal passes this size, between commands. */
const CHECKPOINT_JOURNAL_BYTES = 64 * 1024 * 1024;
/** Expired documents deleted as one journaled group; a pass goes on group after group, answering commands between. */
export const EXPIRY_BATCH = 1000;

export interface EngineOptions {
  dbPath?: string;
  checkpointJournalBytes?: number;
  transactionLifetimeLimitSeconds?: number;
  /** Seconds between passes of the TTL monitor, as mongod's parameter of that name (default 60). */
  ttlMonitorSleepSecs?: number;
}

/**
 * All state of one embedded server: catalog, cursors, durability. Commands run synchronously
 * one at a time, so a command is atomic with respect to every other command.
 */
export class Engine {
  readonly catalog = new Catalog();
  readonly cursors = new CursorRegistry();
  /** Stored documents' bytes, kept once sent (see StoredBytes). */
  readonly storedBytes = new StoredBytes();
  readonly sessions: SessionRegistry = new SessionRegistry(this);
  readonly startedAt = new Date();
  /** serverStatus.opcounters: inserted documents, update/delete statements, finds, getMores, other commands. */
  readonly opcounters = { insert: 0, query: 0, update: 0, delete: 0, getmore: 0, command: 0 };
  /** The TTL monitor: its period, whether it runs (setParameter ttlMonitorEnabled), and serverStatus.metrics.ttl. */
  readonly ttl: { sleepSecs: number; enabled: boolean; passes: number; deletedDocuments: number };
  private seq = 0;
  private readonly dataDir?: DataDir;
  private readonly checkpointBytes: number;
  private lastOpTime = { t: Math.floor(Date.now() / 1000), i: 0 };
  private checkpointDue = false;
  private checkpointing?: CheckpointInProgress;
  private opTimestamp?: Timestamp;

  constructor(options: EngineOptions = {}) {
    this.checkpointBytes = options.checkpointJournalBytes ?? CHECKPOINT_JOURNAL_BYTES;
    const sleepSecs = options.ttlMonitorSleepSecs ?? 60;
    if (!(sleepSecs > 0) || !Number.isFinite(sleepSecs)) throw new RangeError(`ttlMonitorSleepSecs must be a positive number of seconds, not ${sleepSecs}`);
    this.ttl = { sleepSecs, enabled: true, passes: 0, deletedDocuments: 0 };
    if (options.transactionLifetimeLimitSeconds !== undefined) this.sessions.lifetimeLimitMs = options.transactionLifetimeLimitSeconds * 1000;
    if (options.dbPath) {
      this.dataDir = openDataDir(options.dbPath, { deserialize: DESERIALIZE_OPTIONS });
      this.recover(this.dataDir);
    }
    // Attached after recovery: replaying the journal is not a change any transaction could see.
    this.catalog.setObserver((collection, idKey, before) => this.sessions.observe(collection.ns, idKey, before));
  }

  /** Sequence number of the last committed change group; a transaction's snapshot is one of these. */
  get commitSeq(): number {
    return this.seq;
  }

  get persistent(): boolean {
    return this.dataDir !== undefined;
  }

  /** Keeps every stored document's bytes for replies while their budget allows (see StoredBytes); how many were kept. */
  keepStoredBytes(): number {
    let kept = 0;
    for (const collection of this.catalog.collections()) kept += this.storedBytes.keepAll(collection.docs.values());
    return kept;
  }

  private recover(dataDir: DataDir): void {
    const { checkpoint, groups } = dataDir.recover();
    this.catalog.beginReplay();
    for (const record of checkpoint) this.catalog.applyRecord(record);
    for (const group of groups) for (const record of group) this.catalog.applyRecord(record);
    this.catalog.endReplay();
  }

  /** Runs `work` as one atomic, durable unit: its records reach the journal before it returns. */
  write<T>(work: (batch: WriteBatch) => T): T {
    const batch = new WriteBatch();
    let result: T;
    try {
      result = work(batch);
    } catch (err) {
      batch.rollback();
      throw err;
    }
    this.commit(batch);
    return result;
  }

  /** Makes a batch durable; on failure memory is rolled back, so nothing unjournaled is visible. */
  commit(batch: WriteBatch): void {
    if (batch.records.length === 0) return;
    if (this.dataDir) {
      try {
        this.dataDir.append(batch.records);
      } catch (err) {
        batch.rollback();
        throw err;
      }
      if (this.dataDir.journalBytes() > this.checkpointBytes) this.checkpointDue = true;
    }
    this.seq++;
    this.tick();
  }

  /** Told when the TTL monitor's period changes (setParameter), so that the next pass is due by the new one. */
  onTtlSleepChange?: () => void;

  setTtlSleep(seconds: number): void {
    this.ttl.sleepSecs = seconds;
    this.onTtlSleepChange?.();
  }

  /**
   * Deletes up to `limit` documents whose TTL index says they have expired, as one journaled group, and says how many.
   * A document an open transaction has written waits for a later pass, as mongod's monitor waits behind the
   * transaction instead of aborting it.
   */
  expire(now = new Date(), limit = EXPIRY_BATCH): number {
    const expired = expiredDocuments(this.catalog, now, limit, ({ collection, doc }) => this.sessions.holder(collection.ns, canonicalKey(doc._id)) === undefined);
    if (expired.length === 0) return 0;
    this.write((batch) => {
      for (const { collection, doc } of expired) collection.deleteDoc(doc, batch);
    });
    this.ttl.deletedDocuments += expired.length;
    return expired.length;
  }

  /** Whether maintain() has anything to do. */
  get maintenanceDue(): boolean {
    return this.checkpointDue || this.checkpointing !== undefined;
  }

  /**
   * Called by the server between commands, so a checkpoint never delays an acknowledgement. A checkpoint is written a
   * slice at a time, the server answering commands in between: at a million documents the whole write takes tens of
   * seconds, longer than a client waits for an answer. A slice lasts `sliceMs`: the server gives it as long as
   * commands ran since the last one, so under a steady stream of writes the checkpoint still gets half the time and
   * finishes, instead of falling behind a journal that grows without end.
   */
  maintain(sliceMs = MIN_CHECKPOINT_SLICE_MS): void {
    if (!this.dataDir) return;
    if (!this.checkpointing) {
      if (!this.checkpointDue) return;
      this.checkpointDue = false;
      this.checkpointing = this.dataDir.beginCheckpoint(this.catalog.snapshotRecords());
    }
    let done: boolean;
    try {
      done = this.checkpointing.step(performance.now() + Math.min(MAX_CHECKPOINT_SLICE_MS, Math.max(MIN_CHECKPOINT_SLICE_MS, sliceMs)));
    } catch (err) {
      // The data directory has given this checkpoint up; the next write past the threshold starts another.
      this.checkpointing = undefined;
      throw err;
    }
    if (done) {
      this.checkpointing = undefined;
      // Writes during the checkpoint are in the new journal; another checkpoint only when that one is large too.
      this.checkpointDue = this.dataDir.journalBytes() > this.checkpointBytes;
    }
  }

  /** The logical time of the last write, as a replica set reports operationTime. */
  operationTime(): Timestamp {
    // Shared by every reply until the next write; BSON values are never changed in place here.
    this.opTimestamp ??= new Timestamp({ t: this.lastOpTime.t, i: this.lastOpTime.i });
    return this.opTimestamp;
  }

  lastWriteDate(): Date {
    return new Date(this.lastOpTime.t * 1000);
  }

  private tick(): void {
    this.opTimestamp = undefined;
    this.lastOpTime = nextOpTime();
  }

  close(): void {
    this.checkpointing = undefined;
    this.cursors.clear();
    this.sessions.clear();
    if (this.dataDir) {
      this.dataDir.checkpoint(this.catalog.snapshotRecords());
      this.dataDir.close();
    }
  }

  /** Closes without a checkpoint, as a crash would leave things; for tests of recovery. */
  abandon(): void {
    this.checkpointing = undefined;
    this.cursors.clear();
    this.sessions.clear();
    this.dataDir?.close();
  }

  describeRecords(): Document {
    return { journalBytes: this.dataDir?.journalBytes() ?? 0 };
  }
}
