import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { checkNames } from '../storage/catalog.js';
import type { Collection } from '../storage/collection.js';
import { formatValue, type IndexSpec } from '../storage/index-store.js';
import { bsonTypeOf, NUMERIC_TYPES, toNumber } from '../json-schema/bson-values.js';
import { normalizeCollation, type CollationSpec } from '../collation.js';
import { collectionName, optionalDocument, optionalNumber, type CommandHandler } from './context.js';

/** Options that change what an index means; two specs differing in one of these conflict. */
const MEANINGFUL_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation'];
const IGNORED_OPTIONS = new Set(['background', 'v', 'ns', 'storageEngine']);
/** Every other option mongod knows: the engine's own, and those of index kinds it refuses by their keys. */
const KNOWN_OPTIONS = new Set([
  'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'collation', 'hidden', 'prepareUnique',
  'weights', 'default_language', 'language_override', 'textIndexVersion', '2dsphereIndexVersion', 'bits', 'min', 'max',
  'bucketSize', 'wildcardProjection', 'clustered',
]);
/** Index kinds mongod has and the engine does not; any other string is no index kind at all. */
const INDEX_PLUGINS = new Set(['text', '2d', '2dsphere', '2dsphere_bucket', 'hashed', 'columnstore']);

/** A collation as mongod echoes it in listIndexes and listCollections: every field plus the ICU version. */
export function withVersion(collation: CollationSpec): Document {
  return { ...collation, version: '57.1' };
}

/**
 * An index takes the collation it is given (`simple` meaning none) or else the collection's
 * default, as in mongod.
 */
function withCollation(spec: IndexSpec, given: unknown, collection: Collection | undefined): IndexSpec {
  const collation = given === undefined ? collection?.collation : normalizeCollation(given);
  const out: IndexSpec = { ...spec };
  delete out.collation;
  if (collation) out.collation = withVersion(collation);
  return out;
}

function parseSpec(raw: unknown): IndexSpec {
  if (!raw || typeof raw !== 'object') throw new CommandError('TypeMismatch', 'index specification must be an object');
  const { key, name, ...options } = raw as Document;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0) {
    throw new CommandError('FailedToParse', "The 'key' field of an index specification must be a non-empty object");
  }
  const spec: IndexSpec = {
    v: 2,
    key: key as Document,
    name: typeof name === 'string' && name ? name : Object.entries(key as Document).map(([f, d]) => `${f}_${d}`).join('_'),
  };
  const refuse = (reason: string) => new CommandError('CannotCreateIndex', `Error in specification ${formatValue(raw)} :: caused by :: ${reason}`);
  for (const [field, dir] of Object.entries(key as Document)) {
    if (dir === 1 || dir === -1) continue;
    if (typeof dir === 'string') {
      if (INDEX_PLUGINS.has(dir) || field.endsWith('$**')) throw new CommandError('NotImplemented', `${dir} indexes are not supported by the embedded engine (field ${field})`);
      throw refuse(`Unknown index plugin '${dir}'`);
    }
    if (NUMERIC_TYPES.has(bsonTypeOf(dir))) {
      const n = toNumber(dir);
      if (Number.isNaN(n)) throw refuse('Values in the index key pattern cannot be NaN.');
      if (n === 0) throw refuse('Values in the index key pattern cannot be 0.');
      throw new CommandError('NotImplemented', `index key values other than 1 and -1 are not supported by the embedded engine (field ${field}: ${formatValue(dir)})`);
    }
    throw refuse(`Values in v:2 index key pattern cannot be of type ${bsonTypeOf(dir)}. Only numbers > 0, numbers < 0, and strings are allowed.`);
  }
  for (const [option, value] of Object.entries(options)) {
    if (IGNORED_OPTIONS.has(option)) continue;
    if (!KNOWN_OPTIONS.has(option)) {
      throw new CommandError('InvalidIndexSpecificationOption', `Error in specification ${formatValue(raw)} :: caused by :: The field '${option}' is not valid for an index specification. Specification: ${formatValue(raw)}`);
    }
    if (option === 'unique' || option === 'sparse') {
      if (value) spec[option] = true;
    } else if (option === 'hidden') {
      if (typeof value !== 'boolean') throw new CommandError('TypeMismatch', `The field 'hidden' must be a boolean, but got ${bsonTypeOf(value)}`);
      // hidden: false is not kept, as mongod does not keep it.
      if (value) spec.hidden = true;
    } else {
      spec[option] = value;
    }
  }
  return spec;
}

const INT32_MAX = 2 ** 31 - 1;

/** Why `expireAfterSeconds` cannot be a TTL index's, as mongod words it; undefined when it can. */
export function invalidExpiry(value: unknown): string | undefined {
  const type = bsonTypeOf(value);
  if (!NUMERIC_TYPES.has(type)) return `TTL index 'expireAfterSeconds' option must be numeric, but received a type of '${type}'`;
  const seconds = toNumber(value);
  if (Number.isNaN(seconds)) return "TTL index 'expireAfterSeconds' option must not be NaN";
  const whole = Math.trunc(seconds);
  if (whole > INT32_MAX || whole < -INT32_MAX - 1) return "TTL index 'expireAfterSeconds' must be within the range of a 32-bit integer";
  if (whole < 0) return "TTL index 'expireAfterSeconds' option cannot be less than 0";
  return undefined;
}

/** Options an `_id` index may not have. */
const NOT_FOR_ID = ['expireAfterSeconds', 'hidden'] as const;

/** mongod's checks of an index's options: `_id`'s cannot expire nor hide; a TTL index has one field and a sane number. */
function checkOptions(spec: IndexSpec): void {
  const forbidden = NOT_FOR_ID.find((option) => spec[option] !== undefined);
  if (forbidden !== undefined && Object.keys(spec.key).length === 1 && spec.key._id !== undefined) {
    throw new CommandError('InvalidIndexSpecificationOption', `The field '${forbidden}' is not valid for an _id index specification. Specification: ${formatValue(spec)}`);
  }
  if (spec.expireAfterSeconds === undefined) return;
  const invalid = invalidExpiry(spec.expireAfterSeconds);
  if (invalid !== undefined) throw new CommandError('CannotCreateIndex', `. Index spec: ${formatValue(spec)} :: caused by :: ${invalid}`);
  if (Object.keys(spec.key).length !== 1) {
    throw new CommandError('CannotCreateIndex', `TTL indexes are single-field indexes, compound indexes do not support TTL. Index spec: ${formatValue(spec)}`);
  }
}

/** What collMod's `index` option asks of an index: which one, its new options, and the reply's old and new values. */
export interface IndexChange {
  name: string;
  options: Partial<Pick<IndexSpec, 'expireAfterSeconds' | 'hidden'>>;
  reply: Document;
}

/**
 * Reads collMod's `index: {name | keyPattern, expireAfterSeconds?, hidden?}` against the collection, with mongod's
 * refusals. `unique` and `prepareUnique` are refused as not implemented rather than ignored.
 */
export function indexChange(collection: Collection, raw: unknown): IndexChange {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CommandError('TypeMismatch', "BSON field 'collMod.index' is the wrong type, expected type 'object'");
  const { name, keyPattern, expireAfterSeconds, hidden, ...rest } = raw as Document;
  const unsupported = Object.keys(rest)[0];
  if (unsupported !== undefined) throw new CommandError('NotImplemented', `collMod index option '${unsupported}' is not supported by the embedded engine`);
  if ((name === undefined) === (keyPattern === undefined)) {
    throw new CommandError('InvalidOptions', name === undefined ? 'Must specify either index name or key pattern.' : 'Cannot specify both key pattern and name.');
  }
  const index = name !== undefined
    ? collection.indexes.get(String(name))
    : [...collection.indexes.values()].find((i) => JSON.stringify(i.spec.key) === JSON.stringify(keyPattern));
  if (!index) {
    throw new CommandError('IndexNotFound', `cannot find index ${name !== undefined ? String(name) : formatValue(keyPattern)} for ns ${collection.ns}`);
  }
  if (expireAfterSeconds === undefined && hidden === undefined) throw new CommandError('InvalidOptions', 'no expireAfterSeconds or hidden or unique field');
  const change: IndexChange = { name: index.name, options: {}, reply: {} };
  if (hidden !== undefined) {
    if (typeof hidden !== 'boolean') throw new CommandError('TypeMismatch', `BSON field 'collMod.index.hidden' is the wrong type '${bsonTypeOf(hidden)}', expected type 'bool'`);
    if (index.name === '_id_') throw new CommandError('BadValue', "can't hide _id index");
    change.options.hidden = hidden ? true : undefined;
    change.reply.hidden_old = index.hidden;
    change.reply.hidden_new = hidden;
  }
  if (expireAfterSeconds !== undefined) {
    const type = bsonTypeOf(expireAfterSeconds);
    if (!NUMERIC_TYPES.has(type)) {
      throw new CommandError('TypeMismatch', `BSON field 'collMod.index.expireAfterSeconds' is the wrong type '${type}', expected types '[long, int, decimal, double]'`);
    }
    const invalid = invalidExpiry(expireAfterSeconds);
    if (invalid !== undefined) throw new CommandError('InvalidOptions', invalid);
    if (index.spec.expireAfterSeconds === undefined) {
      if (index.name === '_id_') throw new CommandError('InvalidOptions', 'the _id field does not support TTL indexes');
      if (index.fields.length !== 1) throw new CommandError('InvalidOptions', 'TTL indexes are single-field indexes, compound indexes do not support TTL');
    }
    change.options.expireAfterSeconds = Math.trunc(toNumber(expireAfterSeconds));
    if (index.spec.expireAfterSeconds !== undefined) change.reply.expireAfterSeconds_old = index.spec.expireAfterSeconds;
    change.reply.expireAfterSeconds_new = change.options.expireAfterSeconds;
  }
  return change;
}

function sameKey(a: IndexSpec, b: IndexSpec): boolean {
  return JSON.stringify(a.key) === JSON.stringify(b.key);
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return MEANINGFUL_OPTIONS.every((o) => JSON.stringify(a[o] ?? null) === JSON.stringify(b[o] ?? null));
}

/** Whether the spec is already satisfied; throws on MongoDB's index conflicts. */
function alreadyExists(collection: Collection, spec: IndexSpec): boolean {
  for (const index of collection.indexes.values()) {
    const existing = index.spec;
    if (existing.name === spec.name) {
      if (!sameKey(existing, spec)) {
        throw new CommandError('IndexKeySpecsConflict', `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`);
      }
      if (!sameOptions(existing, spec)) {
        throw new CommandError('IndexOptionsConflict', `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(existing)}`);
      }
      return true;
    }
    if (sameKey(existing, spec) && sameOptions(existing, spec)) {
      throw new CommandError('IndexOptionsConflict', `Index already exists with a different name: ${existing.name}`);
    }
  }
  return false;
}

const createIndexes: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'createIndexes');
  checkNames(ctx.db, coll);
  const raw = ctx.body.indexes;
  if (!Array.isArray(raw) || raw.length === 0) throw new CommandError('BadValue', 'Must specify at least one index to create');
  const parsed = raw.map(parseSpec);
  parsed.forEach(checkOptions);
  const catalog = ctx.engine.catalog;
  const specs = parsed.map((spec, i) => withCollation(spec, (raw[i] as Document).collation, catalog.get(ctx.db, coll)));
  let created = false;
  let before = 0;
  let after = 0;
  ctx.engine.write((batch) => {
    let collection = catalog.get(ctx.db, coll);
    if (!collection) {
      collection = catalog.create(ctx.db, coll, {}, batch);
      created = true;
    }
    before = collection.indexes.size;
    for (const spec of specs) if (!alreadyExists(collection, spec)) catalog.createIndex(collection, spec, batch);
    after = collection.indexes.size;
  });
  const reply: Document = { numIndexesBefore: before, numIndexesAfter: after, createdCollectionAutomatically: created, ok: 1 };
  if (before === after) reply.note = 'all indexes already exist';
  return reply;
};

const listIndexes: CommandHandler = (ctx) => {
  const coll = collectionName(ctx, 'listIndexes');
  const collection = ctx.engine.catalog.get(ctx.db, coll);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${coll}`);
  const specs = [...collection.indexes.values()].map((i) => ({ ...i.spec }));
  const cursor = optionalDocument(ctx.body, 'cursor');
  return ctx.engine.cursors.firstBatch(`${ctx.db}.${coll}`, specs, { batchSize: cursor ? optionalNumber(cursor, 'batchSize') : undefined });
};

const dropIndexes: CommandHandler = (ctx) => {
  const name = ctx.body.dropIndexes !== undefined ? 'dropIndexes' : 'deleteIndexes';
  const coll = collectionName(ctx, name);
  const collection = ctx.engine.catalog.get(ctx.db, coll);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns not found ${ctx.db}.${coll}`);
  const wanted = ctx.body.index;
  const nIndexesWas = collection.indexes.size;
  let names: string[];
  if (wanted === '*') {
    names = [...collection.indexes.keys()].filter((n) => n !== '_id_');
  } else if (typeof wanted === 'string') {
    names = [wanted];
  } else if (Array.isArray(wanted)) {
    names = wanted.map(String);
  } else if (wanted && typeof wanted === 'object') {
    const match = [...collection.indexes.values()].find((i) => JSON.stringify(i.spec.key) === JSON.stringify(wanted));
    if (!match) throw new CommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(wanted)}`);
    names = [match.name];
  } else {
    throw new CommandError('TypeMismatch', "BSON field 'dropIndexes.index' is missing or the wrong type");
  }
  for (const n of names) {
    if (n === '_id_') throw new CommandError('InvalidOptions', 'cannot drop _id index');
    if (!collection.indexes.has(n)) throw new CommandError('IndexNotFound', `index not found with name [${n}]`);
  }
  ctx.engine.write((batch) => {
    for (const n of names) ctx.engine.catalog.dropIndex(collection, n, batch);
  });
  return { nIndexesWas, ok: 1 };
};

export const indexCommands: Record<string, CommandHandler> = { createIndexes, listIndexes, dropIndexes, deleteIndexes: dropIndexes };
