import { BSON, type Document } from 'bson';
import { normalizeCollation, type CollationSpec } from '../collation.js';
import { runQuery, type QueryRun, type QuerySpec } from '../query/executor.js';
import type { Collection } from '../storage/collection.js';
import type { WriteBatch } from '../storage/write-batch.js';
import type { Transaction } from '../sessions/transaction.js';
import type { CommandContext } from './context.js';
import { sizeBound } from '../cursors.js';
import { CommandError } from '../errors.js';
import { MAX_BSON_OBJECT_SIZE } from './handshake.js';

/**
 * The collation a command compares strings with: its own `collation` field when given
 * (`{locale: 'simple'}` meaning binary), else the collection's default.
 */
export function commandCollation(given: unknown, collection: Collection | undefined): CollationSpec | null {
  if (given !== undefined && given !== null) return normalizeCollation(given);
  return collection?.collation ?? null;
}

/** Runs a query on a collection as the command sees it: inside a transaction, its snapshot and own writes. */
export function queryIn(ctx: CommandContext, coll: string, spec: QuerySpec, collation?: unknown): QueryRun {
  const collection = ctx.engine.catalog.get(ctx.db, coll);
  return runQuery(collection, {
    ...spec,
    collation: commandCollation(collation, collection),
    overlay: ctx.txn?.overlay(ctx.db, coll),
  });
}

/** Where a write command's statements read and change documents. */
export interface WriteTarget {
  query(spec: QuerySpec, collation?: unknown): QueryRun;
  validate(doc: Document, oldDoc?: Document): void;
  insert(doc: Document): void;
  replace(oldDoc: Document, newDoc: Document): void;
  remove(doc: Document): void;
}

/**
 * The collection a write changes: stored data through the command's batch, or, inside a
 * transaction, its private write set. Undefined when the collection does not exist and `create`
 * is false.
 */
export function writeTarget(ctx: CommandContext, coll: string, batch: WriteBatch, create: boolean): WriteTarget | undefined {
  const catalog = ctx.engine.catalog;
  if (ctx.txn) return new TransactionTarget(ctx, coll, ctx.txn);
  const collection = create ? catalog.getOrCreate(ctx.db, coll, batch) : catalog.get(ctx.db, coll);
  if (!collection) return undefined;
  return {
    query: (spec, collation) => runQuery(collection, { ...spec, collation: commandCollation(collation, collection) }),
    validate: (doc, oldDoc) => collection.validator.validate(doc, oldDoc),
    insert: (doc) => collection.insertDoc(doc, batch),
    replace: (oldDoc, newDoc) => collection.replaceDoc(oldDoc, newDoc, batch),
    remove: (doc) => collection.deleteDoc(doc, batch),
  };
}

class TransactionTarget implements WriteTarget {
  constructor(
    private readonly ctx: CommandContext,
    private readonly coll: string,
    private readonly txn: Transaction,
  ) {}

  query(spec: QuerySpec, collation?: unknown): QueryRun {
    return queryIn(this.ctx, this.coll, spec, collation);
  }

  validate(doc: Document, oldDoc?: Document): void {
    this.ctx.engine.catalog.get(this.ctx.db, this.coll)?.validator.validate(doc, oldDoc);
  }

  insert(doc: Document): void {
    this.txn.insert(this.ctx.db, this.coll, doc);
  }

  replace(oldDoc: Document, newDoc: Document): void {
    this.txn.replace(this.ctx.db, this.coll, oldDoc, newDoc);
  }

  remove(doc: Document): void {
    this.txn.remove(this.ctx.db, this.coll, doc);
  }
}

/** A document's BSON size when it may be over the 16 MiB a stored document may hold; 0 when it surely is not. */
function sizeOver(doc: Document): number {
  if (sizeBound(doc) <= MAX_BSON_OBJECT_SIZE) return 0;
  const size = BSON.calculateObjectSize(doc);
  return size > MAX_BSON_OBJECT_SIZE ? size : 0;
}

/** Refuses a document to insert that is over 16 MiB, as MongoDB does (it could never be read back in a reply). */
export function checkInsertSize(doc: Document): void {
  const size = sizeOver(doc);
  if (size > 0) throw new CommandError('BadValue', `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_OBJECT_SIZE}`);
}

/**
 * Refuses what an update made of a document, or the document an upsert would insert, when it is over 16 MiB: MongoDB's
 * codes 17419 and 17420. `during` is the prefix findAndModify puts before the message.
 */
export function checkUpdatedSize(doc: Document, upserting: boolean, during = ''): void {
  if (sizeOver(doc) === 0) return;
  if (upserting) throw new CommandError('Location17420', `${during}Document to upsert is larger than ${MAX_BSON_OBJECT_SIZE}`);
  throw new CommandError('Location17419', `${during}Resulting document after update is larger than ${MAX_BSON_OBJECT_SIZE}`);
}
