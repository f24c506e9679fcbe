import type { Document } from 'bson';
import { $type as mingoTypeExpression } from 'mingo/operators/expression';
import { rankOf } from './bson-order.js';
import { valuesAtPath } from '../storage/paths.js';

/** BSON type aliases and numbers for $type, resolved against the value's BSON class. */
const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' && !Number.isInteger(v),
  string: (v) => typeof v === 'string',
  object: (v) => rankOf(v) === 4 && v !== null && typeof v === 'object',
  array: Array.isArray,
  binData: (v) => rankOf(v) === 6,
  undefined: (v) => v === undefined,
  objectId: (v) => rankOf(v) === 7,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => rankOf(v) === 11,
  int: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 0x7fffffff,
  timestamp: (v) => rankOf(v) === 10,
  long: (v) => (typeof v === 'number' && Number.isInteger(v)) || (v as { _bsontype?: string })?._bsontype === 'Long',
  decimal: (v) => (v as { _bsontype?: string })?._bsontype === 'Decimal128',
  minKey: (v) => rankOf(v) === 0 && v !== undefined,
  maxKey: (v) => rankOf(v) === 12,
  number: (v) => rankOf(v) === 2,
};
// Whole-number doubles arrive as JS integers, so "double" also accepts them (the BSON subtype is not kept).
TYPE_TESTS.double = (v) => typeof v === 'number';

const BY_NUMBER: Record<number, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId', 8: 'bool',
  9: 'date', 10: 'null', 11: 'regex', 16: 'int', 17: 'timestamp', 18: 'long', 19: 'decimal', [-1]: 'minKey', 127: 'maxKey',
};

function testFor(type: unknown): (v: unknown) => boolean {
  const name = typeof type === 'number' ? BY_NUMBER[type] : String(type);
  const test = TYPE_TESTS[name];
  if (!test) throw new Error(`Unknown type name alias: ${String(type)}`);
  return test;
}

/** mingo query operator signature: (selector, value, options) → predicate. */
export function typeQueryOperator(selector: string, value: unknown): (doc: Document) => boolean {
  const tests = (Array.isArray(value) ? value : [value]).map(testFor);
  return (doc) => {
    const whole = valuesAtPathKeepingArrays(doc, selector);
    return whole.some((v) => tests.some((t) => t(v)));
  };
}

/** The values a path reaches, plus any array found at its end (so {$type: 'array'} matches). */
function valuesAtPathKeepingArrays(doc: Document, path: string): unknown[] {
  const out = valuesAtPath(doc, path).filter((v) => v !== undefined);
  let v: unknown = doc;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Document)[part] : undefined;
  if (Array.isArray(v)) out.push(v);
  return out;
}

/** mingo names BSON classes after their JS class; MongoDB's $type expression uses the aliases above. */
const EXPRESSION_NAMES: Record<string, string> = {
  objectid: 'objectId',
  decimal128: 'decimal',
  binary: 'binData',
  minkey: 'minKey',
  maxkey: 'maxKey',
  boolean: 'bool',
  bsonregexp: 'regex',
  int32: 'int',
};

/** The aggregation $type expression with MongoDB's type names. */
export const typeExpressionOperator = (...args: Parameters<typeof mingoTypeExpression>): string => {
  const name = String(mingoTypeExpression(...args));
  return EXPRESSION_NAMES[name.toLowerCase()] ?? name;
};
