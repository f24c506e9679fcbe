import { Binary, Long, type Document } from 'bson';
import { CommandError, TRANSIENT_TRANSACTION } from '../errors.js';
import type { Catalog } from '../storage/catalog.js';
import type { Collection } from '../storage/collection.js';
import type { WriteBatch } from '../storage/write-batch.js';
import { VersionHistory } from './history.js';
import { Transaction, WaitForTransaction, type TransactionHost } from './transaction.js';

/** What the registry needs of its engine. */
export interface SessionEngine {
  readonly catalog: Catalog;
  /** Sequence number of the last committed change group. */
  readonly commitSeq: number;
  write<T>(work: (batch: WriteBatch) => T): T;
}

interface Session {
  key: string;
  lastUse: number;
  /** Highest txnNumber seen: older ones are refused. */
  txnNumber: number;
  txn?: Transaction;
  /** The reply of the last retryable write, returned again when a driver retries it. */
  retry?: { txnNumber: number; command: string; reply: Document };
}

/** Commands a transaction may run, as in mongod (plus its own commit and abort). */
const IN_TRANSACTION = new Set(['find', 'getMore', 'killCursors', 'insert', 'update', 'delete', 'findAndModify', 'findandmodify', 'aggregate', 'distinct']);
/** Commands whose effect a retry with the same txnNumber must not repeat. */
const RETRYABLE = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);

const SESSION_IDLE_MS = 30 * 60_000;
/** Prune versions once this many are kept, not on every transaction end. */
const PRUNE_THRESHOLD = 1024;

export interface SessionBinding {
  txn?: Transaction;
}

/**
 * Logical sessions (lsid), their transactions and retryable-write memory. A command that names a
 * session passes through `run`, which enforces the txnNumber protocol as mongod does.
 */
export class SessionRegistry implements TransactionHost {
  readonly history = new VersionHistory();
  private readonly sessions = new Map<string, Session>();
  private readonly locks = new Map<string, Transaction>();
  private readonly open = new Set<Transaction>();
  private committing?: Transaction;
  lifetimeLimitMs = 60_000;

  constructor(private readonly engine: SessionEngine) {}

  get openTransactions(): number {
    return this.open.size;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  holder(ns: string, idKey: string): Transaction | undefined {
    return this.locks.get(`${ns}\0${idKey}`);
  }

  hold(ns: string, idKey: string, txn: Transaction): void {
    this.locks.set(`${ns}\0${idKey}`, txn);
  }

  collection(db: string, coll: string): Collection | undefined {
    return this.engine.catalog.get(db, coll);
  }

  transactions(): Iterable<Transaction> {
    return this.open;
  }

  /**
   * Called for every change to a stored document, before it is made. While a transaction is open the replaced version
   * is kept for its snapshot. A write outside any transaction to a document an open transaction holds waits for that
   * transaction to end (WaitForTransaction), as in mongod. Only another transaction's commit could otherwise reach a
   * held document, and then the holder loses it: it will fail with WriteConflict.
   */
  observe(ns: string, idKey: string, before: Document | undefined): void {
    if (this.open.size === 0) return;
    const holder = this.locks.get(`${ns}\0${idKey}`);
    if (holder && holder !== this.committing) {
      if (this.committing === undefined) throw new WaitForTransaction(holder);
      this.abort(holder, 'WriteConflict', 'a concurrent write changed a document it had written');
    }
    this.history.record(ns, idKey, before, this.engine.commitSeq + 1);
  }

  /** Runs a command within the session and transaction its lsid/txnNumber/autocommit fields name. */
  run(body: Document, name: string, execute: (binding: SessionBinding) => Document): Document {
    const session = this.session(body.lsid);
    const txnNumber = numberOf(body.txnNumber);
    if (txnNumber === undefined) {
      if (name === 'commitTransaction' || name === 'abortTransaction') {
        throw new CommandError('InvalidOptions', `'${name}' must be run with a transaction number`);
      }
      return execute({});
    }
    if (body.autocommit === undefined) return this.retryable(session, txnNumber, name, () => execute({}));
    if (body.autocommit !== false) throw new CommandError('InvalidOptions', 'autocommit must be false');
    const txn = this.transactionFor(session, txnNumber, body.startTransaction === true, name);
    if (name === 'commitTransaction') return this.commit(txn);
    if (name === 'abortTransaction') {
      this.abort(txn, 'abortTransaction', 'aborted by the client');
      return { ok: 1 };
    }
    if (!IN_TRANSACTION.has(name)) {
      throw new CommandError('OperationNotSupportedInTransaction', `Cannot run '${name}' in a multi-document transaction.`);
    }
    try {
      const reply = execute({ txn });
      if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) this.abort(txn, 'writeError', 'a statement failed');
      return reply;
    } catch (err) {
      this.abort(txn, 'error', `a statement failed: ${(err as Error).message}`);
      throw err;
    }
  }

  private retryable(session: Session, txnNumber: number, name: string, execute: () => Document): Document {
    if (!RETRYABLE.has(name)) return execute();
    if (txnNumber < session.txnNumber) throw tooOld(txnNumber, session.txnNumber);
    const previous = session.retry;
    if (previous && previous.txnNumber === txnNumber && previous.command === name) return previous.reply;
    if (session.txn?.state === 'active' && txnNumber > session.txn.txnNumber) this.abort(session.txn, 'superseded', 'a newer transaction number was used');
    session.txnNumber = txnNumber;
    const reply = execute();
    session.retry = { txnNumber, command: name, reply };
    return reply;
  }

  private transactionFor(session: Session, txnNumber: number, start: boolean, name: string): Transaction {
    if (txnNumber < session.txnNumber) throw tooOld(txnNumber, session.txnNumber);
    const current = session.txn;
    if (start) {
      if (txnNumber === session.txnNumber && (current?.txnNumber === txnNumber || session.retry?.txnNumber === txnNumber)) {
        throw new CommandError('ConflictingOperationInProgress', `Cannot start transaction ${txnNumber} on session ${session.key} because a newer transaction with txnNumber ${txnNumber} has started.`);
      }
      if (current?.state === 'active') this.abort(current, 'superseded', 'a newer transaction was started');
      session.txnNumber = txnNumber;
      const txn = new Transaction(session.key, txnNumber, this.engine.commitSeq, this);
      session.txn = txn;
      this.open.add(txn);
      return txn;
    }
    if (!current || current.txnNumber !== txnNumber) {
      throw new CommandError('NoSuchTransaction', `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${session.txnNumber}`, TRANSIENT_TRANSACTION);
    }
    if (current.state === 'active' && Date.now() - current.startedAt > this.lifetimeLimitMs) {
      this.abort(current, 'expired', 'it exceeded transactionLifetimeLimitSeconds');
    }
    if (current.state === 'committed') {
      if (name === 'commitTransaction') return current;
      throw new CommandError('TransactionCommitted', `Transaction with { txnNumber: ${txnNumber} } has been committed.`);
    }
    if (current.state === 'aborted') {
      const reason = current.abortReason ? ` (aborted because ${current.abortReason})` : '';
      throw new CommandError('NoSuchTransaction', `Transaction with { txnNumber: ${txnNumber} } has been aborted${reason}.`, TRANSIENT_TRANSACTION);
    }
    return current;
  }

  /** Applies the write set as one durable group: all of it or, on any failure, none. */
  private commit(txn: Transaction): Document {
    if (txn.state === 'committed') return { ok: 1 };
    if (!txn.readOnly) {
      this.committing = txn;
      try {
        this.engine.write((batch) => {
          for (const { db, coll, docs } of txn.writes.values()) {
            const collection = this.engine.catalog.getOrCreate(db, coll, batch);
            for (const [idKey, doc] of docs) {
              const current = collection.docs.get(idKey);
              if (doc === null) {
                if (current) collection.deleteDoc(current, batch);
              } else if (current) collection.replaceDoc(current, doc, batch);
              else collection.insertDoc(doc, batch);
            }
          }
        });
      } catch (err) {
        this.abort(txn, 'commitFailed', `its commit failed: ${(err as Error).message}`);
        throw err;
      } finally {
        this.committing = undefined;
      }
    }
    this.finish(txn, 'committed');
    return { ok: 1 };
  }

  private abort(txn: Transaction, _kind: string, reason: string): void {
    if (txn.state !== 'active') return;
    txn.abortReason = reason;
    this.finish(txn, 'aborted');
  }

  private finish(txn: Transaction, state: 'committed' | 'aborted'): void {
    txn.state = state;
    for (const [ns, writes] of txn.writes) {
      for (const idKey of writes.docs.keys()) {
        const key = `${ns}\0${idKey}`;
        if (this.locks.get(key) === txn) this.locks.delete(key);
      }
    }
    if (state === 'aborted') txn.writes.clear();
    this.open.delete(txn);
    txn.ended();
    if (this.open.size === 0) this.history.clear();
    else if (this.history.size > PRUNE_THRESHOLD) {
      let oldest = Infinity;
      for (const t of this.open) oldest = Math.min(oldest, t.snapshot);
      this.history.prune(oldest);
    }
  }

  /** endSessions: their open transactions are aborted and their state forgotten. */
  end(lsids: unknown[]): void {
    for (const lsid of lsids) {
      const key = sessionKey(lsid);
      const session = key === undefined ? undefined : this.sessions.get(key);
      if (!session) continue;
      if (session.txn) this.abort(session.txn, 'sessionEnded', 'its session ended');
      this.sessions.delete(session.key);
    }
  }

  /** Aborts transactions past their lifetime and forgets sessions idle past the session timeout. */
  reap(now = Date.now()): void {
    for (const txn of [...this.open]) {
      if (now - txn.startedAt > this.lifetimeLimitMs) this.abort(txn, 'expired', 'it exceeded transactionLifetimeLimitSeconds');
    }
    for (const session of [...this.sessions.values()]) {
      if (now - session.lastUse > SESSION_IDLE_MS && session.txn?.state !== 'active') this.sessions.delete(session.key);
    }
  }

  clear(): void {
    for (const txn of [...this.open]) this.abort(txn, 'shutdown', 'the server stopped');
    this.sessions.clear();
  }

  private session(lsid: unknown): Session {
    const key = sessionKey(lsid);
    if (key === undefined) throw new CommandError('InvalidOptions', "BSON field 'lsid.id' is missing or not a UUID");
    let session = this.sessions.get(key);
    if (!session) {
      session = { key, lastUse: 0, txnNumber: -1 };
      this.sessions.set(key, session);
    }
    session.lastUse = Date.now();
    return session;
  }
}

function sessionKey(lsid: unknown): string | undefined {
  const id = (lsid as { id?: unknown } | null)?.id;
  if (!(id instanceof Binary)) return undefined;
  return id.toString('hex');
}

function numberOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (value instanceof Long) return value.toNumber();
  throw new CommandError('TypeMismatch', "BSON field 'txnNumber' is the wrong type, expected type 'long'");
}

function tooOld(txnNumber: number, current: number): CommandError {
  return new CommandError('TransactionTooOld', `Cannot start transaction ${txnNumber} on session because a newer transaction ${current} has already started.`);
}
