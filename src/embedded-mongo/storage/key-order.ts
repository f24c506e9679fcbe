import { compareBson, type StringOrder } from '../query/bson-order.js';

/** Below (LOW) or above (HIGH) every key in tree order, whatever the field's direction. */
export const LOW = Symbol('low');
export const HIGH = Symbol('high');

/** A tree key: one value per indexed field, then the document's primary key to keep entries distinct. */
export type IndexKey = unknown[];

interface PackedObjectId {
  i0: number;
  i1: number;
  i2: number;
  i3: number;
}

/** This bson build keeps an ObjectId's 12 bytes as four 24-bit integers; ids from other builds lack them. */
function packed(value: unknown): value is PackedObjectId {
  if (value === null || typeof value !== 'object') return false;
  return typeof (value as PackedObjectId).i3 === 'number' && (value as { _bsontype?: string })._bsontype === 'ObjectId';
}

/**
 * Byte order of two packed ObjectIds without building their hex strings or byte copies: the four fields
 * hold the bytes big-endian, so comparing them in turn is comparing the bytes.
 */
function comparePacked(x: PackedObjectId, y: PackedObjectId): number {
  return x.i0 - y.i0 || x.i1 - y.i1 || x.i2 - y.i2 || x.i3 - y.i3;
}

/** Two dates' milliseconds in order; an invalid date's NaN equals everything, as in the general order. */
const compareTimes = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * The tree comparator of one index. Index upkeep is most of a write's cost and every insert compares a key
 * some twenty times, so the common parts (binary-ordered strings, ordinary numbers, dates, ObjectIds) are decided
 * here before the general BSON order, and nothing is allocated per comparison.
 */
export function keyOrder(directions: ReadonlyArray<1 | -1>, strings: StringOrder | undefined, from = 0): (a: IndexKey, b: IndexKey) => number {
  const n = directions.length;
  const binaryStrings = strings === undefined;
  return (a, b) => {
    // `from` > 0 orders keys by their later fields only, then the primary key.
    for (let i = from; i < n; i++) {
      const x = a[i];
      const y = b[i];
      if (x === y) continue;
      let c: number;
      const tx = typeof x;
      if (tx === 'string' && binaryStrings && typeof y === 'string') c = (x as string) < y ? -1 : 1;
      // NaN sorts before every number, which only the general order knows.
      else if (tx === 'number' && typeof y === 'number' && x === x && y === y) c = (x as number) < y ? -1 : 1;
      else if (x === LOW || y === HIGH) return -1;
      else if (x === HIGH || y === LOW) return 1;
      else if (x instanceof Date && y instanceof Date) c = compareTimes(x.getTime(), y.getTime());
      else if (tx === 'object' && packed(x) && packed(y)) c = comparePacked(x, y);
      else c = compareBson(x, y, strings);
      if (c !== 0) return directions[i] === 1 ? c : -c;
    }
    // The last part is the primary key's canonical string, or a sentinel in a range bound.
    const x = a[n];
    const y = b[n];
    if (x === y) return 0;
    if (x === LOW || y === HIGH) return -1;
    if (x === HIGH || y === LOW) return 1;
    return (x as string) < (y as string) ? -1 : 1;
  };
}

/** The tree key of one value tuple: the tuple's values, then the primary key. */
export function treeKey(tuple: unknown[], idKey: string): IndexKey {
  const n = tuple.length;
  const key = new Array<unknown>(n + 1);
  for (let i = 0; i < n; i++) key[i] = tuple[i];
  key[n] = idKey;
  return key;
}
