/**
 * MongoDB's ordering of BSON values across and within types, used by indexes and in-memory sorts.
 * MinKey < null/missing < numbers < strings < objects < arrays < BinData < ObjectId < bool < Date
 * < Timestamp < Regex < MaxKey.
 */

const enum Rank {
  MinKey = 0,
  Null = 1,
  Number = 2,
  String = 3,
  Object = 4,
  Array = 5,
  Binary = 6,
  ObjectId = 7,
  Boolean = 8,
  Date = 9,
  Timestamp = 10,
  Regex = 11,
  MaxKey = 12,
}

/** A bound that sits before (edge -1) or after (edge 1) every value of one type bracket. */
export class TypeBound {
  constructor(readonly rank: number, readonly edge: -1 | 1) {}
}

/**
 * What an empty array is keyed as, in an index and in a sort: below null and every other value (mongod keys it as
 * BSON undefined), one value however many documents hold it.
 */
export const EMPTY_ARRAY_KEY = new TypeBound(Rank.Null, -1);

export function typeBoundOf(value: unknown, edge: -1 | 1): TypeBound {
  return new TypeBound(rankOf(value), edge);
}

function bsonType(value: object): string | undefined {
  return (value as { _bsontype?: string })._bsontype;
}

export function rankOf(value: unknown): number {
  if (value === null || value === undefined) return Rank.Null;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
    case 'object':
      break;
    default:
      return Rank.Object;
  }
  if (Array.isArray(value)) return Rank.Array;
  if (value instanceof Date) return Rank.Date;
  if (value instanceof RegExp) return Rank.Regex;
  if (value instanceof TypeBound) return value.rank;
  if (value instanceof Uint8Array) return Rank.Binary;
  switch (bsonType(value)) {
    case 'ObjectId':
      return Rank.ObjectId;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return Rank.Number;
    case 'Binary':
      return Rank.Binary;
    case 'Timestamp':
      return Rank.Timestamp;
    case 'BSONRegExp':
      return Rank.Regex;
    case 'MinKey':
      return Rank.MinKey;
    case 'MaxKey':
      return Rank.MaxKey;
    case 'BSONSymbol':
      return Rank.String;
    default:
      return Rank.Object;
  }
}

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const v = value as { _bsontype?: string; toNumber?: () => number; valueOf(): unknown; toString(): string };
  if (v._bsontype === 'Long') return v.toNumber!();
  if (v._bsontype === 'Decimal128') return Number.parseFloat(v.toString());
  return Number(v.valueOf());
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return (value as { buffer: Uint8Array }).buffer;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** How two strings compare: code points by default, a collation's order when one applies. */
export type StringOrder = (a: string, b: string) => number;

export function compareBson(a: unknown, b: unknown, strings?: StringOrder): number {
  if (a === b) return 0;
  const ra = rankOf(a);
  const rb = rankOf(b);
  const ba = a instanceof TypeBound;
  const bb = b instanceof TypeBound;
  if (ra !== rb) return ra - rb;
  if (ba || bb) {
    const ea = ba ? (a as TypeBound).edge : 0;
    const eb = bb ? (b as TypeBound).edge : 0;
    return ea - eb;
  }
  switch (ra) {
    case Rank.MinKey:
    case Rank.MaxKey:
    case Rank.Null:
      return 0;
    case Rank.Number: {
      const x = toNumber(a);
      const y = toNumber(b);
      // NaN sorts before every other number.
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return cmp(x, y);
    }
    case Rank.String:
      return strings ? strings(String(a), String(b)) : cmp(String(a), String(b));
    case Rank.Boolean:
      return (a ? 1 : 0) - (b ? 1 : 0);
    case Rank.Date:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case Rank.ObjectId:
      return cmp((a as { toHexString(): string }).toHexString(), (b as { toHexString(): string }).toHexString());
    case Rank.Timestamp: {
      const x = a as { t: number; i: number };
      const y = b as { t: number; i: number };
      return cmp(x.t, y.t) || cmp(x.i, y.i);
    }
    case Rank.Binary: {
      const x = bytesOf(a);
      const y = bytesOf(b);
      if (x.length !== y.length) return x.length - y.length;
      const sx = (a as { sub_type?: number }).sub_type ?? 0;
      const sy = (b as { sub_type?: number }).sub_type ?? 0;
      return sx - sy || compareBytes(x, y);
    }
    case Rank.Regex: {
      const x = regexParts(a);
      const y = regexParts(b);
      return cmp(x[0], y[0]) || cmp(x[1], y[1]);
    }
    case Rank.Array: {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareBson(x[i], y[i], strings);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    default:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>, strings);
  }
}

function regexParts(value: unknown): [string, string] {
  if (value instanceof RegExp) return [value.source, value.flags];
  const r = value as { pattern: string; options: string };
  return [r.pattern, r.options];
}

/** Field by field: each value's type, then its name (always binary), then the value (strings in it by `strings`). */
function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>, strings: StringOrder | undefined): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const c = rankOf(a[ka[i]]) - rankOf(b[kb[i]]) || cmp(ka[i], kb[i]) || compareBson(a[ka[i]], b[kb[i]], strings);
    if (c !== 0) return c;
  }
  return ka.length - kb.length;
}

/** The value a sort uses for a field with several values: MongoDB sorts by the least ascending, the greatest descending. */
export function sortKeyOf(values: unknown[], direction: 1 | -1, strings?: StringOrder): unknown {
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareBson(values[i], best, strings);
    if (direction === 1 ? c < 0 : c > 0) best = values[i];
  }
  return best;
}

/**
 * A string identifying a value up to MongoDB equality (1, 1.0 and Long(1) are the same key),
 * used for the primary-key map and unique-index maps.
 */
export function canonicalKey(value: unknown): string {
  if (value === EMPTY_ARRAY_KEY) return 'u';
  const rank = rankOf(value);
  switch (rank) {
    case Rank.Null:
      return 'z';
    case Rank.Number:
      return 'n:' + String(toNumber(value));
    case Rank.String:
      return 's:' + String(value);
    case Rank.Boolean:
      return value ? 'b:1' : 'b:0';
    case Rank.Date:
      return 'd:' + (value as Date).getTime();
    case Rank.ObjectId:
      return 'o:' + (value as { toHexString(): string }).toHexString();
    case Rank.Array:
      return '[' + (value as unknown[]).map(canonicalKey).join(',') + ']';
    case Rank.Object:
      return (
        '{' +
        Object.entries(value as Record<string, unknown>)
          .map(([k, v]) => JSON.stringify(k) + ':' + canonicalKey(v))
          .join(',') +
        '}'
      );
    case Rank.Binary:
      return 'x:' + ((value as { sub_type?: number }).sub_type ?? 0) + ':' + Buffer.from(bytesOf(value)).toString('hex');
    case Rank.Timestamp:
      return 't:' + (value as { t: number }).t + ':' + (value as { i: number }).i;
    case Rank.Regex:
      return 'r:' + regexParts(value).join('/');
    default:
      return 'k:' + rank;
  }
}
