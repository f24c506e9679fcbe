import sortedBtree from 'sorted-btree';
import { bulkLoad } from 'sorted-btree/extended/bulkLoad.js';
import type { Document } from 'bson';
import { canonicalKey, compareBson, EMPTY_ARRAY_KEY, type StringOrder } from '../query/bson-order.js';
import { cachedCollation, collationKeyOf, normalizeCollation, type Collation, type CollationSpec } from '../collation.js';
import { valuesAtParts } from './paths.js';
import { keyOrder, treeKey, type IndexKey } from './key-order.js';
import { CommandError } from '../errors.js';
import { compileFilter, type Filter } from '../query/mingo.js';

/** An index as listIndexes reports it and the catalog persists it. */
export interface IndexSpec {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  /** Kept up to date and enforced, but never chosen by the planner nor named by a hint. */
  hidden?: boolean;
  [option: string]: unknown;
}

export { HIGH, LOW, type IndexKey } from './key-order.js';

/** Orders of a collection's documents by named lists of fields, shared by the indexes built together (`build`). */
export type SharedOrders = Map<string, Uint32Array>;

/** An index's entries in two parts (see `IndexStore.splitEntries`). */
interface SplitEntries {
  /** Each entry's first value; a document's entries run from its offset to the next document's. */
  column: unknown[];
  offsets: number[];
  /** Per document, the values after the first and then its primary key; undefined when it has no entries. */
  tails: Array<IndexKey | undefined>;
  docList: Document[];
}

/** Tree keys in order, each with its document. */
interface InOrder {
  keys: IndexKey[];
  values: Document[];
}

// sorted-btree is CommonJS with an ES-style default export; loaders differ on which one they hand over.
const BTree = (typeof sortedBtree === 'function' ? sortedBtree : sortedBtree.default) as typeof sortedBtree.default;
type BTree<K, V> = InstanceType<typeof sortedBtree.default<K, V>>;

/** Entries per tree node: 64 measured faster than the library's 32 and than 128 (bench/embedded-mongo/index-insert.ts). */
const NODE_SIZE = 64;

export class IndexStore {
  readonly fields: string[];
  readonly directions: Array<1 | -1>;
  private readonly paths: string[][];
  /** Replaced only by build(), before the index is attached to its collection. */
  tree: BTree<IndexKey, Document>;
  /** Unique indexes only: canonical key of the value tuple → primary key of its document. */
  private readonly owners?: Map<string, string>;
  private readonly partial?: Filter;
  /** The index's collation, or undefined for binary string order. */
  readonly collationSpec?: CollationSpec;
  private readonly collation?: Collation;
  private readonly strings?: StringOrder;
  /** Per indexed field: has any document given it more than one value? Only such fields can repeat a document. */
  readonly multikeyFields: boolean[];

  /** Some document gave some field several values, so it has several entries (explain's isMultiKey). */
  get multikey(): boolean {
    return this.multikeyFields.includes(true);
  }

  /** `spec` is replaced, never changed in place, when collMod changes an option the entries do not depend on. */
  constructor(public spec: IndexSpec) {
    this.fields = Object.keys(spec.key);
    this.directions = this.fields.map((f) => (Number(spec.key[f]) < 0 ? -1 : 1));
    this.paths = this.fields.map((f) => f.split('.'));
    this.multikeyFields = this.fields.map(() => false);
    if (spec.unique) this.owners = new Map();
    if (spec.partialFilterExpression) this.partial = compileFilter(spec.partialFilterExpression);
    const collation = normalizeCollation(spec.collation);
    if (collation) {
      this.collationSpec = collation;
      this.collation = cachedCollation(collation);
      this.strings = this.collation.compare;
    }
    this.compareKeys = keyOrder(this.directions, this.strings);
    this.tree = new BTree<IndexKey, Document>(undefined, this.compareKeys, NODE_SIZE);
  }

  get name(): string {
    return this.spec.name;
  }

  get hidden(): boolean {
    return this.spec.hidden === true;
  }

  get unique(): boolean {
    return this.owners !== undefined || this.name === '_id_';
  }

  /** Sparse and partial indexes leave some documents out, so they cannot answer every query. */
  get complete(): boolean {
    return !this.spec.sparse && !this.partial;
  }

  /** Orders two values of one field as this index does (its collation for strings). */
  compareValues(a: unknown, b: unknown): number {
    return compareBson(a, b, this.strings);
  }

  /** The tree's order: field values (each in its direction), then the primary key. */
  readonly compareKeys: (a: IndexKey, b: IndexKey) => number;

  /**
   * The value tuples this document contributes (several when a field holds an array), the first field's values
   * outermost. With `idKey`, each tuple ends in it: the document's tree keys, made without a copy.
   */
  tuplesOf(doc: Document, idKey?: string): unknown[][] {
    if (this.partial && !this.partial.test(doc)) return [];
    const n = this.fields.length;
    if (n === 1 && !this.spec.sparse) {
      // Common case first: one field reached without crossing an array.
      const value = plainValueAt(doc, this.paths[0]);
      if (value !== ARRAY_ON_PATH) return [idKey === undefined ? [value === undefined ? null : value] : [value === undefined ? null : value, idKey]];
    }
    const perField = this.fieldValues(doc);
    if (perField === undefined) return [];
    let count = 1;
    for (let i = 0; i < n; i++) {
      if (perField[i].length > 1) {
        this.multikeyFields[i] = true;
        // Distinct values per field make distinct tuples: a document repeating a value has one entry for it.
        perField[i] = distinctValues(perField[i]);
      }
      count *= perField[i].length;
    }
    const tuples = new Array<unknown[]>(count);
    for (let k = 0; k < count; k++) {
      const tuple = new Array<unknown>(idKey === undefined ? n : n + 1);
      // Tuple k picks its values as the digits of k, the last field's changing fastest.
      for (let i = n - 1, rest = k; i >= 0; i--) {
        const values = perField[i];
        tuple[i] = values[rest % values.length];
        rest = Math.floor(rest / values.length);
      }
      if (idKey !== undefined) tuple[n] = idKey;
      tuples[k] = tuple;
    }
    return tuples;
  }

  /**
   * The values each indexed field takes in the document, a missing one as null and an empty array as its own key;
   * undefined when a sparse index has none of its fields there. (A partial index's filter is its caller's to test.)
   */
  private fieldValues(doc: Document): unknown[][] | undefined {
    const perField = this.paths.map((parts) => valuesAtParts(doc, parts, EMPTY_ARRAY_KEY));
    if (this.spec.sparse && perField.every((vs) => vs.length === 1 && vs[0] === undefined)) return undefined;
    for (const values of perField) for (let v = 0; v < values.length; v++) if (values[v] === undefined) values[v] = null;
    return perField;
  }

  /** Throws DuplicateKey when another document already holds one of these tuples. */
  checkUnique(tuples: unknown[][], idKey: string, ns: string): void {
    if (!this.owners) return;
    for (const t of tuples) {
      const owner = this.owners.get(this.uniqueKey(t));
      if (owner !== undefined && owner !== idKey) throw this.duplicateError(t, ns);
    }
  }

  /** The primary key of the committed document holding this tuple in a unique index. */
  ownerOf(tuple: unknown[]): string | undefined {
    return this.owners?.get(this.uniqueKey(tuple));
  }

  /** Identifies a tuple up to the index's equality: under a collation, equal strings share a key, nested ones too. */
  uniqueKey(tuple: unknown[]): string {
    const collation = this.collation;
    if (!collation) return canonicalKey(tuple);
    return canonicalKey(tuple.map((v) => collationKeyOf(v, collation)));
  }

  add(doc: Document, idKey: string, tuples: unknown[][] = this.tuplesOf(doc)): void {
    for (const t of tuples) {
      this.tree.set(treeKey(t, idKey), doc);
      this.owners?.set(this.uniqueKey(t), idKey);
    }
  }

  /**
   * Fills an empty index with every document of a collection at once: the entries are put in order first and the tree
   * is built from them bottom up, instead of descending it once per entry (at a million documents with a dozen entries
   * each, most of that time goes on cache misses in a tree larger than any cache). Unique values are checked in the
   * documents' order, so the document reported as the duplicate is the one a build by single inserts would report.
   * `orders` carries document orders between the indexes of one collection built together (see `documentOrder`).
   * Throws DuplicateKey, leaving the index empty.
   */
  build(docs: ReadonlyMap<string, Document>, ns: string, orders: SharedOrders = new Map()): void {
    try {
      const split = this.fields.length > 1 ? this.splitEntries(docs, ns) : undefined;
      const sorted = split === undefined ? this.wholeInOrder(docs, ns, orders) : this.splitInOrder(split, docs, orders);
      this.tree = bulkLoad<IndexKey, Document>(sorted.keys, sorted.values, NODE_SIZE, this.compareKeys);
    } catch (err) {
      this.clear();
      throw err;
    }
  }

  /**
   * Every entry of an index of several fields whose fields after the first hold one value per document, kept in two
   * parts: the first values (`column`, a document's from its offset on) and each document's `tail`, the values after
   * them and its primary key. Whole keys are then made once, in the tree's order, and none are made to be thrown
   * away (at a million documents with a dozen words each, those would be a gigabyte for the collector to move).
   * Undefined when a later field holds several values in some document.
   */
  private splitEntries(docs: ReadonlyMap<string, Document>, ns: string): SplitEntries | undefined {
    const n = this.fields.length;
    const column: unknown[] = [];
    const offsets: number[] = [];
    const tails: Array<IndexKey | undefined> = [];
    const docList: Document[] = [];
    for (const [idKey, doc] of docs) {
      offsets.push(column.length);
      docList.push(doc);
      if (this.partial && !this.partial.test(doc)) {
        tails.push(undefined);
        continue;
      }
      const perField = this.fieldValues(doc);
      if (perField === undefined) {
        tails.push(undefined);
        continue;
      }
      const tail = new Array<unknown>(n);
      for (let i = 1; i < n; i++) {
        if (perField[i].length > 1) {
          this.owners?.clear();
          return undefined;
        }
        tail[i - 1] = perField[i][0];
      }
      tail[n - 1] = idKey;
      let firsts = perField[0];
      if (firsts.length > 1) {
        this.multikeyFields[0] = true;
        firsts = distinctValues(firsts);
      }
      if (this.owners !== undefined) {
        const tuples = firsts.map((first) => [first, ...tail.slice(0, n - 1)]);
        this.checkUnique(tuples, idKey, ns);
        for (const t of tuples) this.owners.set(this.uniqueKey(t), idKey);
      }
      for (const first of firsts) column.push(first);
      tails.push(tail);
    }
    offsets.push(column.length);
    return { column, offsets, tails, docList };
  }

  /**
   * Split entries in the tree's order. A document's entries order by their first value, then by its tail, the same for
   * all of them. So with the documents in the order of their tails, entries are dealt into one bucket per first value,
   * documents in that order: no sort of the entries at all. Worth it when that order is known already (see
   * `documentOrder`), or when the index has more entries than documents (sorting those would cost more).
   */
  private splitInOrder(split: SplitEntries, docs: ReadonlyMap<string, Document>, orders: SharedOrders): InOrder {
    const { column, offsets, tails, docList } = split;
    const n = this.fields.length;
    const whole = (e: number, tail: IndexKey): IndexKey => {
      const key = new Array<unknown>(n + 1);
      key[0] = column[e];
      for (let i = 0; i < n; i++) key[i + 1] = tail[i];
      return key;
    };
    if (!this.multikey && !orders.has(this.orderName(1))) {
      const keys: IndexKey[] = [];
      for (let d = 0; d < docList.length; d++) for (let e = offsets[d]; e < offsets[d + 1]; e++) keys.push(whole(e, tails[d]!));
      return this.unsplitInOrder(keys, docList, docs, orders);
    }
    const docOrder = this.documentOrder(orders, 1, tails, keyOrder(this.directions.slice(1), this.strings));
    const rank = this.ranks(column, this.directions[0]);
    const next = new Uint32Array(column.length + 1);
    for (let e = 0; e < column.length; e++) next[rank[e] + 1]++;
    for (let r = 1; r < next.length; r++) next[r] += next[r - 1];
    const dealt = new Uint32Array(column.length);
    const entryDoc = new Uint32Array(column.length);
    for (const d of docOrder) {
      for (let e = offsets[d]; e < offsets[d + 1]; e++) {
        dealt[next[rank[e]]++] = e;
        entryDoc[e] = d;
      }
    }
    // Made in tree order, so that building the leaves next, and reading them later, walks memory in order.
    const keys: IndexKey[] = [];
    const values: Document[] = [];
    for (let k = 0; k < dealt.length; k++) {
      const e = dealt[k];
      // Two values of one document that are one key under a collation: keep the last, as single inserts do.
      if (k + 1 < dealt.length && entryDoc[dealt[k + 1]] === entryDoc[e] && rank[dealt[k + 1]] === rank[e]) continue;
      keys.push(whole(e, tails[entryDoc[e]]!));
      values.push(docList[entryDoc[e]]);
    }
    return { keys, values };
  }

  /** Every entry of any index, made whole document by document, in the tree's order. */
  private wholeInOrder(docs: ReadonlyMap<string, Document>, ns: string, orders: SharedOrders): InOrder {
    const keys: IndexKey[] = [];
    const docList: Document[] = [];
    for (const [idKey, doc] of docs) {
      docList.push(doc);
      if (this.owners === undefined) {
        for (const key of this.tuplesOf(doc, idKey)) keys.push(key);
        continue;
      }
      const tuples = this.tuplesOf(doc);
      this.checkUnique(tuples, idKey, ns);
      for (const t of tuples) {
        this.owners.set(this.uniqueKey(t), idKey);
        keys.push(treeKey(t, idKey));
      }
    }
    return this.unsplitInOrder(keys, docList, docs, orders);
  }

  /** Whole keys in the tree's order, each with its document. */
  private unsplitInOrder(keys: IndexKey[], docList: Document[], docs: ReadonlyMap<string, Document>, orders: SharedOrders): InOrder {
    if (!this.multikey && keys.length === docList.length) {
      // One entry per document, in the documents' order: the entries' order is the documents'.
      const order = this.documentOrder(orders, 0, keys, this.compareKeys);
      return { keys: Array.from(order, (d) => keys[d]), values: Array.from(order, (d) => docList[d]) };
    }
    return this.sortedInOrder(keys, docs);
  }

  /** Names an order of documents: by these fields from `from` on, each in its direction, under this collation. */
  private orderName(from: number): string {
    return JSON.stringify([this.fields.slice(from), this.directions.slice(from), this.collationSpec ?? null]);
  }

  /**
   * The documents (by their place in the collection) that have entries, ordered by this index's fields from `from` on,
   * then by primary key: `docKeys` holds each document's key from that field on (undefined for one without entries)
   * and `compare` orders them. Indexes of one collection often end in the same fields (every list index ends in its
   * date and `_id`), and an order by fields is the same whichever index reads them, so one built with `orders` is
   * sorted once and each index after it only deals its first values (see `splitInOrder`). Only an order that covers
   * every document is kept in `orders`; one that also holds documents without entries here (sparse, partial) does no
   * harm, as they have nothing to deal.
   */
  private documentOrder(orders: SharedOrders, from: number, docKeys: ReadonlyArray<IndexKey | undefined>, compare: (a: IndexKey, b: IndexKey) => number): Uint32Array {
    const name = this.orderName(from);
    const known = orders.get(name);
    if (known !== undefined) return known;
    const withEntries: number[] = [];
    for (let d = 0; d < docKeys.length; d++) if (docKeys[d] !== undefined) withEntries.push(d);
    withEntries.sort((a, b) => compare(docKeys[a]!, docKeys[b]!));
    const order = Uint32Array.from(withEntries);
    if (withEntries.length === docKeys.length) orders.set(name, order);
    return order;
  }

  /** The keys sorted by the tree's own order, each with its document. */
  private sortedInOrder(keys: IndexKey[], docs: ReadonlyMap<string, Document>): InOrder {
    const n = this.fields.length;
    // Stable: of keys equal under a collation ('a' and 'A' at strength 2, one document) the last stays, as with single
    // inserts, where it replaces the first.
    keys.sort(this.compareKeys);
    let kept = 0;
    for (let k = 0; k < keys.length; k++) {
      if (kept > 0 && this.compareKeys(keys[kept - 1], keys[k]) === 0) kept--;
      keys[kept++] = keys[k];
    }
    keys.length = kept;
    // A key ends in its document's primary key: the document is found again by it rather than carried through the sort.
    const values = new Array<Document>(kept);
    for (let k = 0; k < kept; k++) values[k] = docs.get(keys[k][n] as string)!;
    return { keys, values };
  }

  /** Each value's rank among the column's distinct values in the order of this index's first field; equal values share one. */
  private ranks(column: unknown[], direction: 1 | -1): Uint32Array {
    const ids = new Uint32Array(column.length);
    const distinct: unknown[] = [];
    const strings = new Map<string, number>();
    const others = new Map<string, number>();
    for (let e = 0; e < column.length; e++) {
      const value = column[e];
      const map = typeof value === 'string' ? strings : others;
      const key = typeof value === 'string' ? value : canonicalKey(value);
      let id = map.get(key);
      if (id === undefined) {
        id = distinct.length;
        map.set(key, id);
        distinct.push(value);
      }
      ids[e] = id;
    }
    // Ordered as one-field keys of this index, with a placeholder for the primary key.
    const order = keyOrder([direction], this.strings);
    const keys = distinct.map((value) => [value, '']);
    const sorted = Array.from(keys.keys()).sort((a, b) => order(keys[a], keys[b]));
    const rankOf = new Uint32Array(distinct.length);
    let rank = 0;
    for (let k = 1; k < sorted.length; k++) {
      if (order(keys[sorted[k - 1]], keys[sorted[k]]) !== 0) rank++;
      rankOf[sorted[k]] = rank;
    }
    for (let e = 0; e < column.length; e++) ids[e] = rankOf[ids[e]];
    return ids;
  }

  remove(doc: Document, idKey: string): void {
    for (const t of this.tuplesOf(doc)) {
      this.tree.delete(treeKey(t, idKey));
      if (this.owners && this.owners.get(this.uniqueKey(t)) === idKey) this.owners.delete(this.uniqueKey(t));
    }
  }

  clear(): void {
    this.tree.clear();
    this.owners?.clear();
  }

  duplicateError(tuple: unknown[], ns: string): CommandError {
    const keyValue: Document = {};
    this.fields.forEach((f, i) => (keyValue[f] = tuple[i] === EMPTY_ARRAY_KEY ? undefined : tuple[i]));
    const shown = this.fields.map((f, i) => `${f}: ${formatValue(tuple[i])}`).join(', ');
    return new CommandError('DuplicateKey', `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: { ${shown} }`, {
      keyPattern: { ...this.spec.key },
      keyValue,
    });
  }
}

const ARRAY_ON_PATH = Symbol('array on path');

/** The values in first-seen order without repeats, equal as index keys are (1 and 1.0 are one value). */
function distinctValues(values: unknown[]): unknown[] {
  // Strings, the common case (words of a search index), are equal exactly when they are the same string.
  const allStrings = values.every((v) => typeof v === 'string');
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const v of values) {
    const key = allStrings ? v : canonicalKey(v === undefined ? null : v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

function plainValueAt(doc: Document, parts: string[]): unknown {
  let value: unknown = doc;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) return ARRAY_ON_PATH;
    value = (value as Document)[part];
  }
  return Array.isArray(value) ? ARRAY_ON_PATH : value;
}

/** A value as the server's messages show it (duplicate keys, index specs): `{ a: 1, b: "x" }`. */
export function formatValue(value: unknown): string {
  if (value === EMPTY_ARRAY_KEY) return 'undefined';
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(formatValue).join(', ')} ]`;
  const bsonType = (value as { _bsontype?: string })._bsontype;
  if (bsonType === 'ObjectId') return `ObjectId('${(value as { toHexString(): string }).toHexString()}')`;
  if (typeof value === 'object' && bsonType === undefined) {
    const entries = Object.entries(value as Document);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${k}: ${formatValue(v)}`).join(', ')} }`;
  }
  return String(value);
}
