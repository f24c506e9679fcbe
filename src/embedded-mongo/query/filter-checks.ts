// The refusals MongoDB's query parser gives for a malformed filter, with its codes and words, where mingo would
// answer something (often nothing) or fail with a message of its own: a filter that works here must not fail on a
// real server, and one that fails should fail the same way.
import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { isNumber, isPlainObject } from '../json-schema/bson-values.js';
import { formatValue } from '../storage/index-store.js';

const LOGICAL = new Set(['$and', '$or', '$nor']);
/** Top-level operators other modules handle (or refuse) themselves. */
const OTHER_TOP_LEVEL = new Set(['$expr', '$comment', '$jsonSchema', '$where', '$text', '$sampleRate', '$alwaysTrue', '$alwaysFalse']);
const FIELD_OPERATORS = new Set([
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$type', '$mod', '$regex', '$options',
  '$elemMatch', '$all', '$size', '$not', '$bitsAllSet', '$bitsAnySet', '$bitsAllClear', '$bitsAnyClear',
  '$geoWithin', '$geoIntersects', '$near', '$nearSphere', '$within',
]);
const RANGE = new Set(['$gt', '$gte', '$lt', '$lte']);

const bad = (message: string) => new CommandError('BadValue', message);
const isRegExp = (value: unknown): boolean => value instanceof RegExp || (value as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp';
/** `{ $gt: 1 }` but not `{ a: 1 }`, nor a DBRef (`$ref` with `$id`). */
const isOperatorDocument = (value: unknown): value is Document => {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys[0].startsWith('$') && !(keys.includes('$ref') && keys.includes('$id'));
};

/** Throws MongoDB's error for the first malformed part of a query filter; a well-formed one passes untouched. */
export function checkFilter(filter: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      if (LOGICAL.has(key)) checkLogical(key, value);
      else if (key === '$where') throw new CommandError('NotImplemented', 'server-side JavaScript ($where) is not supported by the embedded engine');
      else if (!OTHER_TOP_LEVEL.has(key)) {
        throw bad(`unknown top level operator: ${key}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`);
      }
    } else if (isOperatorDocument(value)) {
      checkOperators(key, value);
    } else if (isRegExp(value)) {
      checkPattern(value);
    }
  }
}

function checkLogical(key: string, value: unknown): void {
  if (!Array.isArray(value)) throw bad(`${key} must be an array`);
  if (value.length === 0) throw bad('$and/$or/$nor must be a nonempty array');
  for (const entry of value) {
    if (!isPlainObject(entry)) throw bad('$or/$and/$nor entries need to be full objects');
    checkFilter(entry);
  }
}

function checkOperators(path: string, operators: Document): void {
  for (const [op, arg] of Object.entries(operators)) {
    if (!FIELD_OPERATORS.has(op)) throw bad(op === '$where' ? '$where cannot be applied to a field' : `unknown operator: ${op}`);
    switch (op) {
      case '$in':
      case '$nin':
        if (!Array.isArray(arg)) throw bad(`${op} needs an array`);
        for (const item of arg) {
          if (isOperatorDocument(item)) throw bad('cannot nest $ under $in');
          if (isRegExp(item)) checkPattern(item);
        }
        break;
      case '$ne':
        if (isRegExp(arg)) throw bad("Can't have regex as arg to $ne.");
        break;
      case '$size':
        checkSize(arg);
        break;
      case '$elemMatch':
        if (!isPlainObject(arg)) throw bad('$elemMatch needs an Object');
        if (!isOperatorDocument(arg)) checkFilter(arg);
        break;
      case '$mod':
        checkMod(arg);
        break;
      case '$regex':
        if (typeof arg !== 'string' && !isRegExp(arg)) throw bad('$regex has to be a string');
        checkPattern(arg, typeof operators.$options === 'string' ? operators.$options : undefined);
        break;
      case '$options':
        if (typeof arg !== 'string') throw bad('$options has to be a string');
        if (!('$regex' in operators)) throw bad('$options needs a $regex');
        break;
      case '$not':
        if (isRegExp(arg)) {
          checkPattern(arg);
          break;
        }
        if (!isPlainObject(arg)) throw bad('$not needs a regex or a document');
        if (Object.keys(arg).length === 0) throw bad('$not cannot be empty');
        if (isOperatorDocument(arg)) checkOperators(path, arg);
        break;
      default:
        if (RANGE.has(op) && isRegExp(arg)) throw bad(`Can't have RegEx as arg to predicate over field '${path}'.`);
    }
  }
}

function checkSize(arg: unknown): void {
  const shown = `$size: ${formatValue(arg)}`;
  if (!isNumber(arg)) throw bad(`Failed to parse $size. Expected a number in: ${shown}`);
  const n = Number(arg);
  if (!Number.isInteger(n)) throw bad(`Failed to parse $size. Expected an integer: ${shown}`);
  if (n < 0) throw bad(`Failed to parse $size. Expected a positive number in: ${shown}`);
}

function checkMod(arg: unknown): void {
  if (!Array.isArray(arg)) throw bad('malformed mod, needs to be an array');
  if (arg.length < 1) throw bad('malformed mod, not enough elements');
  if (!isNumber(arg[0])) throw bad('malformed mod, divisor not a number');
  if (arg.length < 2) throw bad('malformed mod, not enough elements');
  if (!isNumber(arg[1])) throw bad('malformed mod, remainder not a number');
  if (arg.length > 2) throw bad('malformed mod, too many elements');
  if (Math.trunc(Number(arg[0])) === 0) throw bad('divisor cannot be 0');
}

/**
 * A pattern that does not compile fails as MongoDB's refusal does (51091). Patterns are compiled as JavaScript's, as
 * the engine runs them: PCRE syntax JavaScript lacks (possessive quantifiers, inline `(?i)`) is refused here too.
 */
function checkPattern(pattern: unknown, options?: string): void {
  const source = typeof pattern === 'string' ? pattern : pattern instanceof RegExp ? pattern.source : String((pattern as { pattern: string }).pattern);
  const flags = [...(options ?? '')].filter((f) => 'imsu'.includes(f)).join('');
  try {
    new RegExp(source, flags);
  } catch (error) {
    throw new CommandError('Location51091', `Regular expression is invalid: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}
