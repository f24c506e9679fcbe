import { UUID, type Document } from 'bson';
import { canonicalKey } from '../query/bson-order.js';
import { IndexStore, type IndexSpec, type SharedOrders } from './index-store.js';
import type { WriteBatch } from './write-batch.js';
import { DocumentValidator, type ValidationOptions } from './validator.js';
import { normalizeCollation, type CollationSpec } from '../collation.js';
import type { StringPool } from './string-pool.js';

export interface CollectionOptions extends ValidationOptions {
  [option: string]: unknown;
}

export const ID_INDEX_NAME = '_id_';

/** Told of every change to a stored document, with the version it replaces (undefined: none). */
export type ChangeObserver = (collection: Collection, idKey: string, before: Document | undefined) => void;

/**
 * One collection: documents by primary key plus secondary indexes. Stored documents are never
 * mutated: an update stores a new object, so cursors and (later) snapshots can keep old ones.
 * Every change goes through insertDoc/replaceDoc/deleteDoc, which check unique indexes before
 * touching anything and record the journal entry and its undo in the command's WriteBatch.
 */
export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, IndexStore>();
  validator: DocumentValidator;
  /** Reported by listCollections; a fresh one per process is enough for clients that only display it. */
  readonly uuid = new UUID();
  /** Set by the catalog; keeps versions for open transactions and detects their write conflicts. */
  observer?: ChangeObserver;
  /** See deferIndexes(). */
  private deferred = false;

  constructor(
    readonly db: string,
    public name: string,
    public options: CollectionOptions = {},
    /** Where stored documents get their short strings from (the catalog's): see StringPool. */
    private readonly strings?: StringPool,
  ) {
    this.indexes.set(ID_INDEX_NAME, new IndexStore({ v: 2, key: { _id: 1 }, name: ID_INDEX_NAME }));
    this.validator = new DocumentValidator(options);
  }

  /** The collection's default collation (from `create`), or null for binary comparison. */
  get collation(): CollationSpec | null {
    if (this.collationFor !== this.options) {
      this.collationFor = this.options;
      this.defaultCollation = normalizeCollation(this.options.collation);
    }
    return this.defaultCollation;
  }

  private collationFor?: CollectionOptions;
  private defaultCollation: CollationSpec | null = null;

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): IndexStore {
    return this.indexes.get(ID_INDEX_NAME)!;
  }

  getById(id: unknown): Document | undefined {
    return this.docs.get(canonicalKey(id));
  }

  insertDoc(doc: Document, batch?: WriteBatch): void {
    const idKey = canonicalKey(doc._id);
    if (this.docs.has(idKey)) throw this.idIndex.duplicateError([doc._id], this.ns);
    this.strings?.share(doc);
    const tuples = this.tuplesChecked(doc, idKey);
    this.observer?.(this, idKey, undefined);
    this.docs.set(idKey, doc);
    for (const [name, index] of this.upkept) index.add(doc, idKey, tuples.get(name));
    batch?.record({ op: 'i', db: this.db, coll: this.name, doc }, () => this.removeFromMemory(doc, idKey));
  }

  replaceDoc(oldDoc: Document, newDoc: Document, batch?: WriteBatch): void {
    const idKey = canonicalKey(oldDoc._id);
    this.strings?.share(newDoc);
    const tuples = this.tuplesChecked(newDoc, idKey);
    this.observer?.(this, idKey, oldDoc);
    // The new version takes the old one's place in the map: an update keeps a document's natural order, as in MongoDB.
    for (const index of this.upkept.values()) index.remove(oldDoc, idKey);
    this.docs.set(idKey, newDoc);
    for (const [name, index] of this.upkept) index.add(newDoc, idKey, tuples.get(name));
    batch?.record({ op: 'u', db: this.db, coll: this.name, doc: newDoc }, () => {
      for (const index of this.upkept.values()) index.remove(newDoc, idKey);
      this.restore(oldDoc, idKey);
    });
  }

  deleteDoc(doc: Document, batch?: WriteBatch): void {
    const idKey = canonicalKey(doc._id);
    this.observer?.(this, idKey, doc);
    this.removeFromMemory(doc, idKey);
    batch?.record({ op: 'd', db: this.db, coll: this.name, id: doc._id }, () => this.restore(doc, idKey));
  }

  /** Replays a journal record: the post-image wins whatever was stored under that key. */
  upsertFromJournal(doc: Document): void {
    const existing = this.getById(doc._id);
    if (existing) this.replaceDoc(existing, doc);
    else this.insertDoc(doc);
  }

  addIndex(spec: IndexSpec): IndexStore {
    const index = new IndexStore(spec);
    if (!this.deferred) index.build(this.docs, this.ns);
    this.indexes.set(spec.name, index);
    return index;
  }

  /**
   * From now until buildIndexes(), documents are stored without index upkeep or unique checks (the primary key
   * excepted), and new indexes stay empty. For replaying a data directory, whose records were all valid when written:
   * building each index once at the end is many times faster than keeping every index up to date on the way.
   */
  deferIndexes(): void {
    this.deferred = true;
  }

  /** Builds every index afresh from the stored documents; throws DuplicateKey if they break a unique index. */
  buildIndexes(): void {
    this.deferred = false;
    const orders: SharedOrders = new Map();
    // Fewer fields first: an index's whole order is then at hand for a longer one that ends in the same fields.
    const byWidth = [...this.indexes].sort(([, a], [, b]) => a.fields.length - b.fields.length);
    for (const [name, index] of byWidth) {
      const built = new IndexStore(index.spec);
      built.build(this.docs, this.ns, orders);
      this.indexes.set(name, built);
    }
  }

  clear(): void {
    this.docs.clear();
    for (const index of this.indexes.values()) index.clear();
  }

  private tuplesChecked(doc: Document, idKey: string): Map<string, unknown[][]> {
    const all = new Map<string, unknown[][]>();
    for (const [name, index] of this.upkept) {
      const tuples = index.tuplesOf(doc);
      // The primary-key map already guards _id; its index keeps no owner map of its own.
      if (name !== ID_INDEX_NAME) index.checkUnique(tuples, idKey, this.ns);
      all.set(name, tuples);
    }
    return all;
  }

  private removeFromMemory(doc: Document, idKey: string): void {
    this.docs.delete(idKey);
    for (const index of this.upkept.values()) index.remove(doc, idKey);
  }

  private restore(doc: Document, idKey: string): void {
    this.docs.set(idKey, doc);
    for (const index of this.upkept.values()) index.add(doc, idKey);
  }

  /** The indexes every change keeps up to date: none while they are deferred. */
  private get upkept(): ReadonlyMap<string, IndexStore> {
    return this.deferred ? NO_INDEXES : this.indexes;
  }
}

const NO_INDEXES: ReadonlyMap<string, IndexStore> = new Map();
