import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { compileFilter } from '../query/mingo.js';
import { checkNames } from '../storage/catalog.js';
import type { CollectionOptions } from '../storage/collection.js';
import { DocumentValidator } from '../storage/validator.js';
import { normalizeCollation } from '../collation.js';
import { indexChange, withVersion } from './indexes.js';
import { checkCommandFields, collectionName, optionalDocument, optionalNumber, type CommandHandler } from './context.js';

const VALIDATION_LEVELS = new Set(['off', 'strict', 'moderate']);
const VALIDATION_ACTIONS = new Set(['error', 'warn']);

/** The collection options this engine keeps; validation settings are checked by compiling them. */
function validationOptions(body: Document, base: CollectionOptions = {}): CollectionOptions {
  const options: CollectionOptions = { ...base };
  if (body.validator !== undefined) options.validator = optionalDocument(body, 'validator');
  if (body.validationLevel !== undefined) {
    if (!VALIDATION_LEVELS.has(body.validationLevel)) throw new CommandError('BadValue', `Enumeration value '${body.validationLevel}' for field 'validationLevel' is not a valid value.`);
    options.validationLevel = body.validationLevel;
  }
  if (body.validationAction !== undefined) {
    if (!VALIDATION_ACTIONS.has(body.validationAction)) throw new CommandError('BadValue', `Enumeration value '${body.validationAction}' for field 'validationAction' is not a valid value.`);
    options.validationAction = body.validationAction;
  }
  new DocumentValidator(options);
  return options;
}

const CREATE_FIELDS = new Set(['validator', 'validationLevel', 'validationAction', 'collation', 'idIndex', 'storageEngine', 'indexOptionDefaults']);
/** create's options for kinds of collection the engine does not have; refused rather than ignored. */
const CREATE_UNSUPPORTED = new Set(['capped', 'size', 'max', 'clusteredIndex', 'changeStreamPreAndPostImages', 'encryptedFields', 'expireAfterSeconds', 'pipeline']);
const COLLMOD_FIELDS = new Set(['validator', 'validationLevel', 'validationAction', 'index']);
const COLLMOD_UNSUPPORTED = new Set(['viewOn', 'pipeline', 'expireAfterSeconds', 'changeStreamPreAndPostImages', 'cappedSize', 'cappedMax', 'timeseries', 'dryRun']);

const create: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'create');
  if (ctx.body.viewOn !== undefined || ctx.body.timeseries !== undefined) {
    throw new CommandError('NotImplemented', 'views and time-series collections are not supported by the embedded engine');
  }
  // A capped collection that kept growing would not be one: `capped: false` alone is the ordinary kind.
  const { capped, ...rest } = ctx.body;
  checkCommandFields(capped === false ? rest : ctx.body, 'create', CREATE_FIELDS, CREATE_UNSUPPORTED);
  const options = validationOptions(ctx.body);
  const collation = normalizeCollation(ctx.body.collation);
  if (collation) options.collation = withVersion(collation);
  ctx.engine.write((batch) => ctx.engine.catalog.create(ctx.db, coll, options, batch));
  return { ok: 1 };
};

const drop: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'drop');
  const collection = ctx.engine.catalog.get(ctx.db, coll);
  if (!collection) return { ok: 1 };
  const nIndexesWas = collection.indexes.size;
  ctx.engine.write((batch) => ctx.engine.catalog.drop(ctx.db, coll, batch));
  return { nIndexesWas, ns: `${ctx.db}.${coll}`, ok: 1 };
};

const dropDatabase: CommandHandler = (ctx) => {
  ctx.engine.write((batch) => ctx.engine.catalog.dropDatabase(ctx.db, batch));
  return { dropped: ctx.db, ok: 1 };
};

const ID_INDEX = { v: 2, key: { _id: 1 }, name: '_id_' };

const listCollections: CommandHandler = (ctx) => {
  const filter = compileFilter(optionalDocument(ctx.body, 'filter'));
  const nameOnly = ctx.body.nameOnly === true;
  const entries: Document[] = [];
  for (const collection of ctx.engine.catalog.databases.get(ctx.db)?.values() ?? []) {
    const entry: Document = nameOnly
      ? { name: collection.name, type: 'collection' }
      : {
          name: collection.name,
          type: 'collection',
          options: { ...collection.options },
          info: { readOnly: false, uuid: collection.uuid },
          idIndex: ID_INDEX,
        };
    if (filter.test(entry)) entries.push(entry);
  }
  const cursor = optionalDocument(ctx.body, 'cursor');
  return ctx.engine.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, entries, { batchSize: cursor ? optionalNumber(cursor, 'batchSize') : undefined });
};

function splitNamespace(ns: unknown, field: string): [string, string] {
  if (typeof ns !== 'string' || !ns.includes('.')) throw new CommandError('InvalidNamespace', `Invalid ${field} namespace: ${String(ns)}`);
  const dot = ns.indexOf('.');
  return [ns.slice(0, dot), ns.slice(dot + 1)];
}

const renameCollection: CommandHandler = (ctx) => {
  const [fromDb, fromColl] = splitNamespace(ctx.body.renameCollection, 'source');
  const [toDb, toColl] = splitNamespace(ctx.body.to, 'target');
  checkNames(toDb, toColl);
  const catalog = ctx.engine.catalog;
  const source = catalog.get(fromDb, fromColl);
  if (!source) throw new CommandError('NamespaceNotFound', `Source collection ${fromDb}.${fromColl} does not exist`);
  if (fromDb === toDb && fromColl === toColl) throw new CommandError('IllegalOperation', "Can't rename a collection to itself");
  ctx.engine.write((batch) => {
    if (catalog.get(toDb, toColl)) {
      if (ctx.body.dropTarget !== true) throw new CommandError('NamespaceExists', 'target namespace exists');
      catalog.drop(toDb, toColl, batch);
    }
    catalog.rename(source, toDb, toColl, batch);
  });
  return { ok: 1 };
};

const collMod: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'collMod');
  const collection = ctx.engine.catalog.get(ctx.db, coll);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${coll}`);
  checkCommandFields(ctx.body, 'collMod', COLLMOD_FIELDS, COLLMOD_UNSUPPORTED);
  const options = validationOptions(ctx.body, collection.options);
  const change = ctx.body.index === undefined ? undefined : indexChange(collection, ctx.body.index);
  ctx.engine.write((batch) => {
    ctx.engine.catalog.setOptions(collection, options, batch);
    if (change) ctx.engine.catalog.setIndexOptions(collection, change.name, change.options, batch);
  });
  return { ...change?.reply, ok: 1 };
};

const listDatabases: CommandHandler = (ctx) => {
  const databases: Document[] = [];
  let totalSize = 0;
  for (const [name, collections] of ctx.engine.catalog.databases) {
    let docs = 0;
    for (const c of collections.values()) docs += c.docs.size;
    const sizeOnDisk = docs * 100;
    totalSize += sizeOnDisk;
    databases.push(ctx.body.nameOnly ? { name } : { name, sizeOnDisk, empty: docs === 0 });
  }
  const filter = compileFilter(optionalDocument(ctx.body, 'filter'));
  return { databases: databases.filter((d) => filter.test(d)), totalSize, ok: 1 };
};

const dbStats: CommandHandler = (ctx) => {
  const collections = [...(ctx.engine.catalog.databases.get(ctx.db)?.values() ?? [])];
  const objects = collections.reduce((n, c) => n + c.docs.size, 0);
  const indexes = collections.reduce((n, c) => n + c.indexes.size, 0);
  return { db: ctx.db, collections: collections.length, views: 0, objects, dataSize: objects * 100, storageSize: objects * 100, indexes, indexSize: 0, ok: 1 };
};

const collStats: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'collStats');
  const collection = ctx.engine.catalog.get(ctx.db, coll);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns not found ${ctx.db}.${coll}`);
  const indexSizes: Document = {};
  for (const name of collection.indexes.keys()) indexSizes[name] = 0;
  return { ns: collection.ns, count: collection.docs.size, size: collection.docs.size * 100, storageSize: 0, nindexes: collection.indexes.size, indexSizes, ok: 1 };
};

export const collectionCommands: Record<string, CommandHandler> = {
  create, drop, dropDatabase, listCollections, renameCollection, collMod, listDatabases, dbStats, collStats,
};
