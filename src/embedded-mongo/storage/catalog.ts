import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { Collection, ID_INDEX_NAME, type ChangeObserver, type CollectionOptions } from './collection.js';
import type { IndexSpec } from './index-store.js';
import type { WriteBatch } from './write-batch.js';
import { DocumentValidator } from './validator.js';
import { StringPool } from './string-pool.js';

const INVALID_DB_CHARS = /[/\\. "$\0]/;

export function checkNames(db: string, coll?: string): void {
  if (!db || INVALID_DB_CHARS.test(db)) throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`);
  if (coll === undefined) return;
  if (!coll || coll.includes('$') || coll.includes('\0') || coll.startsWith('.') || coll.startsWith('system.')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: ${coll}`);
  }
}

/**
 * Databases and their collections. Every change is recorded in the command's WriteBatch as a
 * catalog record (create/drop/rename/index/collMod) so the journal can replay it.
 */
export class Catalog {
  readonly databases = new Map<string, Map<string, Collection>>();
  /** One copy of each short string the stored documents hold, shared by every collection. */
  readonly strings = new StringPool();
  /** Given to every collection this catalog creates. */
  private observer?: ChangeObserver;
  /** Replaying a data directory: collections build their indexes once, at the end (Collection.deferIndexes). */
  private replaying = false;

  /** Starts a replay of checkpoint and journal records: index upkeep waits for endReplay(). */
  beginReplay(): void {
    this.replaying = true;
    for (const c of this.collections()) c.deferIndexes();
  }

  /** Builds the indexes of every collection the replay left. */
  endReplay(): void {
    this.replaying = false;
    for (const c of this.collections()) c.buildIndexes();
  }

  /** Watches every collection, present and future. */
  setObserver(observer: ChangeObserver): void {
    this.observer = observer;
    for (const c of this.collections()) c.observer = observer;
  }

  /** Every collection of every database. */
  *collections(): Generator<Collection> {
    for (const collections of this.databases.values()) yield* collections.values();
  }

  get(db: string, coll: string): Collection | undefined {
    return this.databases.get(db)?.get(coll);
  }

  /** The collection, created on first write as MongoDB does. */
  getOrCreate(db: string, coll: string, batch: WriteBatch): Collection {
    return this.get(db, coll) ?? this.create(db, coll, {}, batch);
  }

  create(db: string, coll: string, options: CollectionOptions, batch?: WriteBatch): Collection {
    checkNames(db, coll);
    if (this.get(db, coll)) throw new CommandError('NamespaceExists', `Collection ${db}.${coll} already exists.`);
    const collection = new Collection(db, coll, options, this.strings);
    collection.observer = this.observer;
    if (this.replaying) collection.deferIndexes();
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    collections.set(coll, collection);
    batch?.record({ op: 'create', db, coll, options }, () => this.detach(db, coll));
    return collection;
  }

  drop(db: string, coll: string, batch?: WriteBatch): boolean {
    const collection = this.get(db, coll);
    if (!collection) return false;
    this.detach(db, coll);
    batch?.record({ op: 'drop', db, coll }, () => this.attach(collection));
    return true;
  }

  dropDatabase(db: string, batch?: WriteBatch): void {
    const collections = this.databases.get(db);
    if (!collections) return;
    this.databases.delete(db);
    batch?.record({ op: 'dropDatabase', db }, () => this.databases.set(db, collections));
  }

  rename(from: Collection, toDb: string, toColl: string, batch?: WriteBatch): Collection {
    checkNames(toDb, toColl);
    const fromDb = from.db;
    const fromColl = from.name;
    this.detach(fromDb, fromColl);
    const renamed = new Collection(toDb, toColl, from.options, this.strings);
    renamed.observer = this.observer;
    // The documents go in first and every index is built once from them.
    renamed.deferIndexes();
    for (const index of from.indexes.values()) if (index.name !== ID_INDEX_NAME) renamed.addIndex(index.spec);
    for (const doc of from.docs.values()) renamed.insertDoc(doc);
    if (!this.replaying) renamed.buildIndexes();
    this.attach(renamed);
    batch?.record({ op: 'rename', db: fromDb, coll: fromColl, toDb, toColl }, () => {
      this.detach(toDb, toColl);
      this.attach(from);
    });
    return renamed;
  }

  createIndex(collection: Collection, spec: IndexSpec, batch?: WriteBatch): void {
    collection.addIndex(spec);
    batch?.record({ op: 'createIndex', db: collection.db, coll: collection.name, spec }, () =>
      collection.indexes.delete(spec.name),
    );
  }

  dropIndex(collection: Collection, name: string, batch?: WriteBatch): void {
    const index = collection.indexes.get(name);
    if (!index) return;
    collection.indexes.delete(name);
    batch?.record({ op: 'dropIndex', db: collection.db, coll: collection.name, name }, () =>
      collection.indexes.set(name, index),
    );
  }

  /**
   * collMod's `index` option: changes options the index's entries do not depend on (`expireAfterSeconds`, `hidden`).
   * A value of undefined removes the option, as unhiding does.
   */
  setIndexOptions(collection: Collection, name: string, options: Partial<Pick<IndexSpec, 'expireAfterSeconds' | 'hidden'>>, batch?: WriteBatch): void {
    const index = collection.indexes.get(name);
    if (!index) return;
    const previous = index.spec;
    const spec: IndexSpec = { ...previous };
    for (const [option, value] of Object.entries(options)) {
      if (value === undefined) delete spec[option];
      else spec[option] = value;
    }
    index.spec = spec;
    // Journaled with removed options as null: BSON has no undefined.
    const recorded = Object.fromEntries(Object.entries(options).map(([option, value]) => [option, value ?? null]));
    batch?.record({ op: 'indexOptions', db: collection.db, coll: collection.name, name, options: recorded }, () => {
      index.spec = previous;
    });
  }

  setOptions(collection: Collection, options: CollectionOptions, batch?: WriteBatch): void {
    const previous = collection.options;
    const previousValidator = collection.validator;
    collection.validator = new DocumentValidator(options);
    collection.options = options;
    batch?.record({ op: 'collMod', db: collection.db, coll: collection.name, options }, () => {
      collection.options = previous;
      collection.validator = previousValidator;
    });
  }

  /** Replays one journal or checkpoint record. */
  applyRecord(record: Document): void {
    const { db, coll } = record as { db: string; coll: string };
    switch (record.op) {
      case 'i':
      case 'u':
        (this.get(db, coll) ?? this.create(db, coll, {})).upsertFromJournal(record.doc as Document);
        return;
      case 'd': {
        const collection = this.get(db, coll);
        const doc = collection?.getById(record.id);
        if (collection && doc) collection.deleteDoc(doc);
        return;
      }
      case 'create':
        if (!this.get(db, coll)) this.create(db, coll, record.options as CollectionOptions);
        for (const spec of (record.indexes as IndexSpec[] | undefined) ?? []) this.get(db, coll)!.addIndex(spec);
        return;
      case 'drop':
        this.drop(db, coll);
        return;
      case 'dropDatabase':
        this.dropDatabase(db);
        return;
      case 'rename': {
        const from = this.get(db, coll);
        if (!from) return;
        this.drop(record.toDb as string, record.toColl as string);
        this.rename(from, record.toDb as string, record.toColl as string);
        return;
      }
      case 'createIndex':
        this.get(db, coll)?.addIndex(record.spec as IndexSpec);
        return;
      case 'dropIndex':
        this.get(db, coll)?.indexes.delete(record.name as string);
        return;
      case 'indexOptions': {
        const collection = this.get(db, coll);
        const options = Object.fromEntries(Object.entries(record.options as Document).map(([option, value]) => [option, value ?? undefined]));
        if (collection) this.setIndexOptions(collection, record.name as string, options);
        return;
      }
      case 'collMod': {
        const collection = this.get(db, coll);
        if (collection) this.setOptions(collection, record.options as CollectionOptions);
        return;
      }
      default:
        throw new Error(`unknown journal record op ${String(record.op)}`);
    }
  }

  /**
   * Every record needed to rebuild the current state: a checkpoint's contents. What is stored now is captured at once
   * (references only: stored documents, options and index specs are replaced, never changed in place), so the records
   * stay those of this moment however long the caller takes to read them while writes go on.
   */
  snapshotRecords(): Iterable<Document> {
    const captured: Array<{ create: Document; docs: Document[] }> = [];
    for (const [db, collections] of this.databases) {
      for (const [coll, collection] of collections) {
        const indexes = [...collection.indexes.values()].filter((i) => i.name !== ID_INDEX_NAME).map((i) => i.spec);
        captured.push({ create: { op: 'create', db, coll, options: collection.options, indexes }, docs: [...collection.docs.values()] });
      }
    }
    return {
      *[Symbol.iterator]() {
        for (const { create, docs } of captured) {
          yield create;
          for (const doc of docs) yield { op: 'i', db: create.db, coll: create.coll, doc };
        }
      },
    };
  }

  private detach(db: string, coll: string): void {
    const collections = this.databases.get(db);
    collections?.delete(coll);
    if (collections?.size === 0) this.databases.delete(db);
  }

  private attach(collection: Collection): void {
    let collections = this.databases.get(collection.db);
    if (!collections) {
      collections = new Map();
      this.databases.set(collection.db, collections);
    }
    collections.set(collection.name, collection);
  }
}
