import { BSON, ObjectId, Timestamp, type Document } from 'bson';
import { nextOpTime } from '../clock.js';
import { cloneDeep } from 'mingo/util';
import { Query } from 'mingo/query';
import { updateOne } from 'mingo/updater';
import { canonicalKey } from './bson-order.js';
import { queryOptions } from './mingo.js';
import { checkUpdateTargets } from './update-checks.js';
import { isNumber } from '../json-schema/bson-values.js';
import { valueAtPath } from '../storage/paths.js';
import { CommandError } from '../errors.js';

const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll',
  '$addToSet', '$pop', '$currentDate', '$bit', '$setOnInsert',
]);

export type UpdateSpec = Document | Document[];

const LEAN_UPDATE_OPTIONS = { ...queryOptions(), context: undefined };

export function isOperatorUpdate(update: UpdateSpec): boolean {
  if (Array.isArray(update)) return false;
  const keys = Object.keys(update);
  return keys.length > 0 && keys[0].startsWith('$');
}

/** Rejects malformed update documents before anything is touched, with MongoDB's codes. */
export function checkUpdate(update: unknown): UpdateSpec {
  if (Array.isArray(update)) return update as Document[];
  if (update === null || typeof update !== 'object') {
    throw new CommandError('FailedToParse', 'Update argument must be either an object or an array');
  }
  const doc = update as Document;
  if (!isOperatorUpdate(doc)) {
    for (const key of Object.keys(doc)) {
      if (key.startsWith('$')) {
        throw new CommandError('DollarPrefixedFieldName', `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`);
      }
    }
    return doc;
  }
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(doc)) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new CommandError('FailedToParse', `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      throw new CommandError('FailedToParse', `Modifiers operate on fields but we found type ${Array.isArray(fields) ? 'array' : typeof fields} instead. For example: {$mod: {<field>: ...}} not {${op}: ${String(fields)}}`);
    }
    for (const [path, value] of Object.entries(fields as Document)) {
      paths.push(path);
      if (op === '$rename') paths.push(String(value));
    }
  }
  const sorted = paths.map((p) => p.replace(/\.\$(\[[^\]]*\])?/g, '')).sort();
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a === b || b.startsWith(a + '.')) {
      throw new CommandError('ConflictingUpdateOperators', `Updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
  return doc;
}

export interface UpdateOptions {
  filter?: Document;
  arrayFilters?: Document[];
  /** The document is being created by an upsert: $setOnInsert applies and the filter need not match. */
  inserting?: boolean;
  variables?: Document;
}

const PLAIN_FIELD = /^[^.$]+$/;

/**
 * $set, $inc and $unset of top-level fields, the registry's everyday updates, done without
 * mingo's updater, which rebuilds its operator tables on every call. Anything else (dotted
 * paths, other operators, non-numeric $inc) returns undefined and takes the general path.
 */
function simpleUpdate(oldDoc: Document, modifier: Document): Document | undefined {
  for (const [op, fields] of Object.entries(modifier)) {
    if (op !== '$set' && op !== '$inc' && op !== '$unset') return undefined;
    for (const [field, value] of Object.entries(fields as Document)) {
      if (field === '_id' || !PLAIN_FIELD.test(field)) return undefined;
      if (op === '$inc' && (typeof value !== 'number' || (oldDoc[field] !== undefined && typeof oldDoc[field] !== 'number'))) return undefined;
    }
  }
  const newDoc: Document = { ...oldDoc };
  for (const [op, fields] of Object.entries(modifier)) {
    for (const [field, value] of Object.entries(fields as Document)) {
      if (op === '$set') newDoc[field] = value;
      else if (op === '$inc') newDoc[field] = ((newDoc[field] as number | undefined) ?? 0) + (value as number);
      else delete newDoc[field];
    }
  }
  return newDoc;
}

/** Computes the new version of a document; the stored one is left untouched. */
export function applyUpdate(oldDoc: Document, update: UpdateSpec, options: UpdateOptions = {}): Document {
  let newDoc: Document;
  if (!Array.isArray(update) && !isOperatorUpdate(update)) {
    newDoc = { _id: oldDoc._id };
    for (const [k, v] of Object.entries(update)) if (k !== '_id') newDoc[k] = v;
    if ('_id' in update && canonicalKey(update._id) !== canonicalKey(oldDoc._id) && !options.inserting) {
      throw immutableId();
    }
    if (options.inserting && '_id' in update) newDoc._id = update._id;
    return newDoc;
  }
  let modifier: UpdateSpec = update;
  if (!Array.isArray(update) && update.$setOnInsert) {
    const { $setOnInsert, ...rest } = update;
    modifier = options.inserting ? { ...rest, $set: { ...(rest.$set as Document | undefined), ...($setOnInsert as Document) } } : rest;
  }
  if (!options.arrayFilters && !Array.isArray(modifier)) {
    const simple = simpleUpdate(oldDoc, modifier);
    if (simple) return simple;
  }
  if (!Array.isArray(modifier)) {
    checkUpdateTargets(oldDoc, modifier);
    checkArithmetic(oldDoc, modifier);
    modifier = asMingoDoesRight(oldDoc, modifier);
  }
  const docs = [cloneDeep(oldDoc) as Document];
  if (Object.keys(modifier).length > 0 || Array.isArray(modifier)) {
    try {
      const usesPositional = !Array.isArray(modifier) && JSON.stringify(Object.values(modifier).map((f) => Object.keys(f as Document))).includes('.$');
      const condition = usesPositional && !options.inserting ? (options.filter ?? {}) : {};
      // mingo copies whatever operator context it is given on every call; operator updates need
      // only the few operators it adds itself, so the engine's full context is passed only to
      // pipelines and array filters.
      const full = Array.isArray(modifier) || options.arrayFilters !== undefined || options.variables !== undefined;
      const mingoOptions = full ? queryOptions() : LEAN_UPDATE_OPTIONS;
      updateOne(docs, condition, modifier as never, { arrayFilters: options.arrayFilters, cloneMode: 'copy', let: options.variables }, mingoOptions);
    } catch (err) {
      throw updateError(err as Error);
    }
  }
  newDoc = docs[0];
  if (!options.inserting && canonicalKey(newDoc._id) !== canonicalKey(oldDoc._id)) throw immutableId();
  if (newDoc._id === undefined && oldDoc._id !== undefined) {
    const { _id: _removed, ...rest } = newDoc;
    newDoc = { _id: oldDoc._id, ...rest };
  }
  return newDoc;
}

/**
 * The operators mingo's updater gets wrong, rewritten as `$set`s it gets right: `$currentDate` with `$type: 'timestamp'`
 * (mingo stores milliseconds as a number, MongoDB a Timestamp), and `$pull` by a document's condition on a plain path
 * (mingo also pulls the array's elements that are not documents, which such a condition never matches).
 */
function asMingoDoesRight(doc: Document, modifier: Document): Document {
  if (modifier.$currentDate === undefined && modifier.$pull === undefined) return modifier;
  const { $currentDate, $pull, ...rest } = modifier as { $currentDate?: Document; $pull?: Document } & Document;
  const set: Document = { ...(rest.$set as Document | undefined) };
  const keptPull: Document = {};
  // One write, one time: its date fields all hold it, its timestamp fields one point of the logical clock, which the
  // next write passes.
  const now = Date.now();
  let stamp: Timestamp | undefined;
  for (const [path, spec] of Object.entries($currentDate ?? {})) {
    const asked = spec as { $type?: string } | boolean;
    if (asked !== true && (typeof asked !== 'object' || asked === null || (asked.$type !== 'date' && asked.$type !== 'timestamp'))) {
      throw new CommandError('BadValue', "Invalid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).");
    }
    set[path] = typeof asked === 'object' && asked.$type === 'timestamp' ? (stamp ??= new Timestamp(nextOpTime())) : new Date(now);
  }
  for (const [path, condition] of Object.entries($pull ?? {})) {
    const byDocument = condition !== null && typeof condition === 'object' && !Array.isArray(condition) && (condition as { _bsontype?: string })._bsontype === undefined
      && !(condition instanceof Date) && !(condition instanceof RegExp) && Object.keys(condition).length > 0 && !Object.keys(condition).some((key) => key.startsWith('$'));
    const values = path.includes('$') ? undefined : valueAtPath(doc, path);
    if (!byDocument || !Array.isArray(values)) {
      keptPull[path] = condition;
      continue;
    }
    const query = new Query(condition as Document, queryOptions());
    const left = values.filter((value) => !(value !== null && typeof value === 'object' && !Array.isArray(value) && query.test(value as Document)));
    if (left.length !== values.length) set[path] = left;
  }
  return {
    ...rest,
    ...(Object.keys(set).length > 0 ? { $set: set } : {}),
    ...(Object.keys(keptPull).length > 0 ? { $pull: keptPull } : {}),
  };
}

/**
 * mingo leaves a non-numeric field alone under $inc/$mul; MongoDB refuses the whole update with
 * TypeMismatch, so the statement must fail before anything is written.
 */
function checkArithmetic(oldDoc: Document, modifier: Document): void {
  for (const op of ['$inc', '$mul'] as const) {
    const fields = modifier[op] as Document | undefined;
    if (!fields || typeof fields !== 'object') continue;
    for (const [path, operand] of Object.entries(fields)) {
      const verb = op === '$inc' ? 'increment' : 'multiply';
      if (!isNumber(operand)) throw new CommandError('TypeMismatch', `Cannot ${verb} with non-numeric argument: {${path}: ${JSON.stringify(operand)}}`);
      let value: unknown = oldDoc;
      for (const part of path.split('.')) {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          value = undefined;
          break;
        }
        value = (value as Document)[part];
      }
      if (value !== undefined && !isNumber(value)) {
        const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
        throw new CommandError('TypeMismatch', `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(oldDoc._id)}} has the field '${path}' of non-numeric type ${type}`);
      }
    }
  }
}

function immutableId(): CommandError {
  return new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
}

function updateError(err: Error): CommandError {
  const message = err.message;
  if (/immutable field/i.test(message)) return new CommandError('ImmutableField', message.replace(/\.$/, ''));
  if (/numeric|number/i.test(message)) return new CommandError('TypeMismatch', message);
  if (/array/i.test(message)) return new CommandError('BadValue', message);
  return new CommandError('BadValue', message);
}

/** The document an upsert starts from: the filter's equality conditions, then the update. */
export function upsertSeed(filter: Document | undefined): Document {
  const seed: Document = {};
  const visit = (f: Document): void => {
    for (const [field, value] of Object.entries(f)) {
      if (field === '$and' && Array.isArray(value)) {
        for (const part of value) visit(part as Document);
        continue;
      }
      if (field.startsWith('$')) continue;
      let v: unknown = value;
      if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value as { _bsontype?: string })._bsontype) {
        const keys = Object.keys(value);
        if (keys.length > 0 && keys[0].startsWith('$')) {
          if (keys.length === 1 && keys[0] === '$eq') v = (value as Document).$eq;
          else continue;
        }
      }
      setPath(seed, field, v);
    }
  };
  if (filter) visit(filter);
  return seed;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = target[parts[i]];
    if (next === null || typeof next !== 'object') target[parts[i]] = {};
    target = target[parts[i]] as Document;
  }
  target[parts[parts.length - 1]] = value;
}

/** A new document's _id goes first, generated when the client sent none. */
export function withId(doc: Document): Document {
  const { _id, ...rest } = doc;
  if (_id === undefined) return { _id: new ObjectId(), ...rest };
  checkId(_id);
  return Object.keys(doc)[0] === '_id' ? doc : { _id, ...rest };
}

export function checkId(id: unknown): void {
  if (Array.isArray(id)) throw new CommandError('BadValue', "The '_id' value cannot be of type array");
  if (id instanceof RegExp) throw new CommandError('BadValue', "can't use a regex for _id");
}

export function sameContent(a: Document, b: Document): boolean {
  return Buffer.from(BSON.serialize(a)).equals(Buffer.from(BSON.serialize(b)));
}
