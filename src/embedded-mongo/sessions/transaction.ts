import type { Document } from 'bson';
import { canonicalKey } from '../query/bson-order.js';
import type { Overlay } from '../query/executor.js';
import type { Collection } from '../storage/collection.js';
import { IndexStore } from '../storage/index-store.js';
import { writeConflict } from '../errors.js';
import type { VersionHistory } from './history.js';

export type TransactionState = 'active' | 'committed' | 'aborted';

/**
 * Thrown by a write outside any transaction that would change a document an open transaction has written: mongod makes
 * such a write wait until the transaction ends, and so does the server, running the whole command again then. Thrown
 * before the document changes; the command's other changes are rolled back with its write batch.
 */
export class WaitForTransaction extends Error {
  constructor(readonly txn: Transaction) {
    super('the write waits for an open transaction holding a document it changes');
  }
}

/** A transaction's changes to one collection: primary key → new version, or null when deleted. */
export interface CollectionWrites {
  db: string;
  coll: string;
  docs: Map<string, Document | null>;
}

/** What a transaction needs of the engine around it. */
export interface TransactionHost {
  readonly history: VersionHistory;
  /** The open transaction holding a document in its write set, if any. */
  holder(ns: string, idKey: string): Transaction | undefined;
  hold(ns: string, idKey: string, txn: Transaction): void;
  collection(db: string, coll: string): Collection | undefined;
  /** Every open transaction. */
  transactions(): Iterable<Transaction>;
}

/**
 * One multi-document transaction: the commit sequence it reads as of, and its private writes.
 * Reads see committed data as of the snapshot overlaid with its own writes; a write to a document
 * changed since the snapshot, or held by another open transaction, is a WriteConflict
 * (first writer wins).
 */
export class Transaction {
  state: TransactionState = 'active';
  /** Why it was aborted, for the NoSuchTransaction message. */
  abortReason?: string;
  readonly writes = new Map<string, CollectionWrites>();
  readonly startedAt = Date.now();
  /** Called once, when the transaction commits or aborts. */
  private readonly endListeners: Array<() => void> = [];

  constructor(
    readonly sessionKey: string,
    readonly txnNumber: number,
    readonly snapshot: number,
    private readonly host: TransactionHost,
  ) {}

  /** Calls `listener` when the transaction ends: at once if it has already. */
  whenEnded(listener: () => void): void {
    if (this.state === 'active') this.endListeners.push(listener);
    else listener();
  }

  /** Told by the registry that the transaction has committed or aborted. */
  ended(): void {
    for (const listener of this.endListeners.splice(0)) listener();
  }

  get readOnly(): boolean {
    return this.writes.size === 0;
  }

  /** How this transaction's view of a collection differs from what is stored now. */
  overlay(db: string, coll: string): Overlay | undefined {
    const ns = `${db}.${coll}`;
    const changed = this.host.history.visibleAt(ns, this.snapshot);
    const own = this.writes.get(ns)?.docs;
    if (changed.size === 0 && !own) return undefined;
    const hidden = new Set<string>(changed.keys());
    const extra: Document[] = [];
    for (const [idKey, doc] of changed) if (doc && !own?.has(idKey)) extra.push(doc);
    if (own) {
      for (const [idKey, doc] of own) {
        hidden.add(idKey);
        if (doc) extra.push(doc);
      }
    }
    return { hidden, extra };
  }

  /** The version of a document this transaction sees (undefined: none). */
  visible(db: string, coll: string, idKey: string): Document | undefined {
    const ns = `${db}.${coll}`;
    const own = this.writes.get(ns)?.docs;
    if (own?.has(idKey)) return own.get(idKey) ?? undefined;
    if (this.host.history.changedSince(ns, idKey, this.snapshot)) {
      return this.host.history.visibleAt(ns, this.snapshot).get(idKey);
    }
    return this.host.collection(db, coll)?.docs.get(idKey);
  }

  insert(db: string, coll: string, doc: Document): void {
    const idKey = canonicalKey(doc._id);
    if (this.visible(db, coll, idKey)) {
      const idIndex = this.host.collection(db, coll)?.idIndex ?? new IndexStore({ v: 2, key: { _id: 1 }, name: '_id_' });
      throw idIndex.duplicateError([doc._id], `${db}.${coll}`);
    }
    this.put(db, coll, idKey, doc);
  }

  replace(db: string, coll: string, oldDoc: Document, newDoc: Document): void {
    this.put(db, coll, canonicalKey(oldDoc._id), newDoc);
  }

  remove(db: string, coll: string, doc: Document): void {
    this.put(db, coll, canonicalKey(doc._id), null);
  }

  private put(db: string, coll: string, idKey: string, doc: Document | null): void {
    const ns = `${db}.${coll}`;
    const holder = this.host.holder(ns, idKey);
    if ((holder && holder !== this) || this.host.history.changedSince(ns, idKey, this.snapshot)) throw writeConflict();
    if (doc) this.checkUnique(db, coll, idKey, doc);
    let writes = this.writes.get(ns);
    if (!writes) {
      writes = { db, coll, docs: new Map() };
      this.writes.set(ns, writes);
    }
    writes.docs.set(idKey, doc);
    this.host.hold(ns, idKey, this);
  }

  /** Unique indexes against committed data as this transaction sees it, and against its own writes. */
  private checkUnique(db: string, coll: string, idKey: string, doc: Document): void {
    const collection = this.host.collection(db, coll);
    if (!collection) return;
    const ns = collection.ns;
    const own = this.writes.get(ns)?.docs;
    for (const index of collection.indexes.values()) {
      if (!index.spec.unique) continue;
      for (const tuple of index.tuplesOf(doc)) {
        const owner = index.ownerOf(tuple);
        if (owner !== undefined && owner !== idKey) {
          // A key written by a commit after the snapshot conflicts, as in MongoDB: the retry then sees it and is refused.
          if (this.host.history.changedSince(ns, owner, this.snapshot)) throw writeConflict();
          const seen = this.visible(db, coll, owner);
          if (seen && holdsTuple(index, seen, tuple)) throw index.duplicateError(tuple, ns);
        }
        // So does a key another open transaction has written: only one of them can commit it.
        for (const other of this.host.transactions()) {
          const theirs = other === this ? undefined : other.writes.get(ns)?.docs;
          if (theirs) for (const [otherKey, otherDoc] of theirs) if (otherKey !== idKey && otherDoc && holdsTuple(index, otherDoc, tuple)) throw writeConflict();
        }
        if (!own) continue;
        for (const [otherKey, other] of own) {
          if (otherKey !== idKey && other && holdsTuple(index, other, tuple)) throw index.duplicateError(tuple, ns);
        }
      }
    }
  }
}

function holdsTuple(index: IndexStore, doc: Document, tuple: unknown[]): boolean {
  const wanted = index.uniqueKey(tuple);
  return index.tuplesOf(doc).some((t) => index.uniqueKey(t) === wanted);
}
