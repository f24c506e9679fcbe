/** BSON type names as `$type`, `bsonType` and `errInfo.consideredType` spell them, for BSON-decoded JS values. */
export type BsonTypeName =
  | 'double' | 'string' | 'object' | 'array' | 'binData' | 'undefined' | 'objectId' | 'bool' | 'date' | 'null'
  | 'regex' | 'dbPointer' | 'javascript' | 'symbol' | 'javascriptWithScope' | 'int' | 'timestamp' | 'long'
  | 'decimal' | 'minKey' | 'maxKey';

export const BSON_TYPE_NAMES: ReadonlySet<string> = new Set<BsonTypeName>([
  'double', 'string', 'object', 'array', 'binData', 'undefined', 'objectId', 'bool', 'date', 'null', 'regex',
  'dbPointer', 'javascript', 'symbol', 'javascriptWithScope', 'int', 'timestamp', 'long', 'decimal', 'minKey', 'maxKey',
]);

export const NUMERIC_TYPES: ReadonlySet<BsonTypeName> = new Set<BsonTypeName>(['double', 'int', 'long', 'decimal']);

const BY_BSONTYPE_TAG: Record<string, BsonTypeName> = {
  ObjectId: 'objectId', Int32: 'int', Double: 'double', Long: 'long', Decimal128: 'decimal', Binary: 'binData',
  Timestamp: 'timestamp', MinKey: 'minKey', MaxKey: 'maxKey', BSONSymbol: 'symbol', BSONRegExp: 'regex',
  DBPointer: 'dbPointer', DBRef: 'object',
};

function bsonTag(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** The BSON type a decoded value would be encoded as (a JS integer in int32 range is an int, as the encoder writes it). */
export function bsonTypeOf(value: unknown): BsonTypeName {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 && !Object.is(value, -0)
        ? 'int'
        : 'double';
    case 'bigint':
      return 'long';
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'javascript';
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (value instanceof Uint8Array) return 'binData';
  const tag = bsonTag(value as object);
  if (tag === 'Code') return (value as { scope?: unknown }).scope ? 'javascriptWithScope' : 'javascript';
  if (tag !== undefined && tag in BY_BSONTYPE_TAG) return BY_BSONTYPE_TAG[tag];
  return 'object';
}

/** Whether a value is a number of any BSON numeric type (int, long, double, decimal). */
export function isNumber(value: unknown): boolean {
  return NUMERIC_TYPES.has(bsonTypeOf(value));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return bsonTypeOf(value) === 'object' && bsonTag(value as object) === undefined;
}

/** A numeric value as a JS number (decimal and long values lose precision beyond 2^53, as comparisons here allow). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const tag = bsonTag(value as object);
  if (tag === 'Decimal128') return Number.parseFloat(String(value));
  if (tag === 'Long') return (value as { toNumber(): number }).toNumber();
  return Number((value as { valueOf(): unknown }).valueOf());
}

/**
 * Equality as MongoDB's `enum` and `uniqueItems` judge it: numbers by value across numeric types, embedded documents
 * regardless of field order, everything else by type and content.
 */
export function bsonEquals(a: unknown, b: unknown): boolean {
  const ta = bsonTypeOf(a);
  const tb = bsonTypeOf(b);
  if (NUMERIC_TYPES.has(ta) && NUMERIC_TYPES.has(tb)) return toNumber(a) === toNumber(b);
  if (ta !== tb) return false;
  switch (ta) {
    case 'array': {
      const x = a as unknown[];
      const y = b as unknown[];
      return x.length === y.length && x.every((v, i) => bsonEquals(v, y[i]));
    }
    case 'object': {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) return false;
      return keys.every((k) => Object.hasOwn(y, k) && bsonEquals(x[k], y[k]));
    }
    case 'date':
      return (a as Date).getTime() === (b as Date).getTime();
    case 'binData': {
      const x = binaryParts(a);
      const y = binaryParts(b);
      return x.subtype === y.subtype && Buffer.compare(x.bytes, y.bytes) === 0;
    }
    case 'regex':
      return regexParts(a) === regexParts(b);
    case 'null':
    case 'undefined':
    case 'minKey':
    case 'maxKey':
      return true;
    case 'string':
    case 'bool':
      return a === b;
    default:
      return canonicalText(a) === canonicalText(b);
  }
}

function binaryParts(value: unknown): { subtype: number; bytes: Buffer } {
  if (value instanceof Uint8Array) return { subtype: 0, bytes: Buffer.from(value) };
  const b = value as { sub_type: number; buffer: Uint8Array; position?: number };
  return { subtype: b.sub_type, bytes: Buffer.from(b.buffer.subarray(0, b.position ?? b.buffer.length)) };
}

function regexParts(value: unknown): string {
  if (value instanceof RegExp) return `${value.source}/${[...value.flags].sort().join('')}`;
  const r = value as { pattern: string; options: string };
  return `${r.pattern}/${[...r.options].sort().join('')}`;
}

function canonicalText(value: unknown): string {
  const v = value as { toHexString?: () => string; toString(): string };
  return typeof v.toHexString === 'function' ? v.toHexString() : v.toString();
}
