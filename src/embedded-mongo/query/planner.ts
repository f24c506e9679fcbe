import type { Document } from 'bson';
import { compareBson, rankOf, TypeBound } from './bson-order.js';
import { HIGH, LOW, type IndexKey, type IndexStore } from '../storage/index-store.js';
import type { Collection } from '../storage/collection.js';
import { CommandError } from '../errors.js';
import { collationId, type CollationSpec } from '../collation.js';

/** What a query can tell an index about one field. */
interface FieldBounds {
  points?: unknown[];
  /** Every plain equality the filter's conjunction asks of this field (several on a multikey field). */
  equalities?: unknown[];
  low?: unknown;
  high?: unknown;
}

export type Plan =
  | { stage: 'COLLSCAN'; direction?: 'forward' | 'backward' }
  | {
      stage: 'IXSCAN';
      index: IndexStore;
      intervals: Array<[IndexKey, IndexKey]>;
      reverse: boolean;
      providesSort: boolean;
      /** The scan returns exactly the matching documents (plain equalities on the index's first fields). */
      exact?: boolean;
      /** A necessary condition, cheaper than the filter, that rules most non-matching candidates out first. */
      precheck?: (doc: Document) => boolean;
      /** Makes, for one scan, a necessary condition on each scanned entry's key, checked before its document is read. */
      entryCheck?: () => (key: IndexKey) => boolean;
    };

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

function isOperatorObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  if ((value as { _bsontype?: string })._bsontype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys[0].startsWith('$');
}

/** Values an index can look up exactly: no arrays (they also match elements) and no regexes. */
function isIndexablePoint(value: unknown): boolean {
  return !Array.isArray(value) && !(value instanceof RegExp) && rankOf(value) !== 11 && value !== undefined;
}

/** Bounds per top-level field from equality, $in and range predicates (including inside $and). */
export function boundsFromFilter(filter: Document | undefined): Map<string, FieldBounds> {
  const bounds = new Map<string, FieldBounds>();
  const visit = (f: Document): void => {
    for (const [field, condition] of Object.entries(f)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const part of condition) visit(part as Document);
        continue;
      }
      if (field.startsWith('$')) continue;
      const b = bounds.get(field) ?? {};
      if (!isOperatorObject(condition)) {
        if (isIndexablePoint(condition)) addEquality(b, condition);
      } else {
        for (const [op, value] of Object.entries(condition)) {
          if (op === '$eq' && isIndexablePoint(value)) addEquality(b, value);
          else if (op === '$in' && Array.isArray(value) && value.every(isIndexablePoint)) b.points ??= value;
          else if (RANGE_OPS.has(op) && value !== null && isIndexablePoint(value) && rankOf(value) !== 0 && rankOf(value) !== 12) {
            if (op === '$gt' || op === '$gte') b.low = b.low === undefined || compareBson(value, b.low) > 0 ? value : b.low;
            else b.high = b.high === undefined || compareBson(value, b.high) < 0 ? value : b.high;
          }
        }
      }
      if (b.points || b.low !== undefined || b.high !== undefined) bounds.set(field, b);
    }
  };
  if (filter) visit(filter);
  return bounds;
}

function addEquality(b: FieldBounds, value: unknown): void {
  b.points = [value];
  (b.equalities ??= []).push(value);
}

/** Counting stops here: past it, one equality is as good a bound as another. */
const RAREST_CAP = 200;

/**
 * A conjunction of equalities on one multikey field (every search word) can bound the scan by any one of them:
 * the one with the fewest index entries leaves the least for the filter. Entries are counted up to a cap.
 */
function pickRarestEquality(index: IndexStore, bounds: Map<string, FieldBounds>): void {
  const b = bounds.get(index.fields[0]);
  if (!b?.equalities || b.equalities.length < 2) return;
  let best: unknown;
  let fewest = Infinity;
  for (const value of b.equalities) {
    const low = padKey([value], index.fields.length, LOW);
    const high = padKey([value], index.fields.length, HIGH);
    let count = 0;
    for (const [key] of index.tree.entries(low)) {
      if (index.compareKeys(key, high) > 0 || ++count >= Math.min(fewest, RAREST_CAP)) break;
    }
    if (count < fewest) {
      fewest = count;
      best = value;
    }
  }
  b.points = [best];
}

/**
 * The other equalities on the bounded field when they can be tested without the filter: top-level conjuncts of
 * strings on a top-level field under binary comparison, where `{f: w}` holds exactly when `f` is `w` or an array
 * holding `w`.
 */
function otherEqualities(filter: Document | undefined, field: string, bounds: Map<string, FieldBounds>, binary: boolean): string[] | undefined {
  const b = bounds.get(field);
  if (!binary || !filter || field.includes('.') || !b?.equalities || b.equalities.length < 2) return undefined;
  const others = [...new Set(b.equalities.filter((v) => v !== b.points?.[0]))];
  if (others.length === 0 || !others.every((v) => typeof v === 'string')) return undefined;
  return others as string[];
}

/** The other equalities on the bounded field, as a plain membership test of the document before the full filter. */
function equalityPrecheck(field: string, others: string[]): (doc: Document) => boolean {
  return (doc) => {
    const value = doc[field] as unknown;
    if (Array.isArray(value)) return others.every((w) => value.includes(w));
    return others.length === 1 && value === others[0];
  };
}

/** Entries a word's cursor steps over toward the next scanned key before it seeks that key in the tree instead. */
const STEPS_BEFORE_SEEK = 8;

/**
 * The other equalities on the index's first field, tested on each scanned entry's key instead of its document. Where
 * the fields after the first hold one value per document and the index holds every document, a document holds word
 * `w` exactly when the index holds `w` followed by the rest of the scanned key. Scanned keys come in order, so each
 * word keeps a cursor in the tree that only moves forward, stepping over a few entries or else seeking: a document
 * that lacks a word is never read, and reading one costs a cache miss or more in a large collection.
 */
function equalityEntryCheck(index: IndexStore, others: string[], reverse: boolean): () => (key: IndexKey) => boolean {
  const direction = reverse ? -1 : 1;
  const seek = (target: IndexKey) => (reverse ? index.tree.entriesReversed(target) : index.tree.entries(target));
  return () => {
    const cursors = others.map((word) => ({ word, entries: undefined as ReturnType<typeof seek> | undefined, at: undefined as IndexKey | undefined, ended: false }));
    const holds = (cursor: (typeof cursors)[number], key: IndexKey): boolean => {
      const target = key.slice();
      target[0] = cursor.word;
      for (let steps = 0; ; steps++) {
        if (cursor.at !== undefined) {
          const order = index.compareKeys(cursor.at, target) * direction;
          if (order >= 0) return order === 0;
        } else if (cursor.ended) {
          return false;
        }
        if (cursor.entries === undefined || steps === STEPS_BEFORE_SEEK) cursor.entries = seek(target);
        const next = cursor.entries.next();
        if (next.done) {
          // Past the last entry in the scan's direction: no later key can be found either.
          cursor.at = undefined;
          cursor.ended = true;
          return false;
        }
        cursor.at = next.value[0];
      }
    };
    return (key) => cursors.every((cursor) => holds(cursor, key));
  };
}

interface Candidate {
  index: IndexStore;
  equalityPrefix: number;
  score: number;
}

function scoreIndex(index: IndexStore, bounds: Map<string, FieldBounds>): Candidate {
  let score = 0;
  let equalityPrefix = 0;
  for (const field of index.fields) {
    const b = bounds.get(field);
    if (!b) break;
    if (b.points) {
      if (b.points.some((p) => p === null) && !index.complete) break;
      score += 2;
      if (b.points.length === 1) equalityPrefix++;
      continue;
    }
    score += 1;
    break;
  }
  return { index, equalityPrefix, score };
}

/** Whether walking the index (forward or backward) yields documents in the requested order. */
function sortDirection(index: IndexStore, sort: Document, equalityFields: Set<string>): 1 | -1 | 0 {
  const sortFields = Object.keys(sort).filter((f) => !equalityFields.has(f));
  if (sortFields.length === 0) return 1;
  const start = index.fields.findIndex((f) => !equalityFields.has(f));
  if (start < 0) return 0;
  // Equality-bound fields must form the prefix that the sort skips over.
  if (index.fields.slice(0, start).some((f) => !equalityFields.has(f))) return 0;
  let direction: 1 | -1 | 0 = 0;
  for (let i = 0; i < sortFields.length; i++) {
    const indexField = index.fields[start + i];
    if (indexField !== sortFields[i]) return 0;
    const d = (Number(sort[sortFields[i]]) < 0 ? -1 : 1) * index.directions[start + i];
    if (direction === 0) direction = d as 1 | -1;
    else if (direction !== d) return 0;
  }
  return direction;
}

const NO_SUCH_HINT = 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index';

/** The index a hint names; a hidden index cannot be named, as in mongod, except by the engine itself (`hidden`). */
function pickHinted(collection: Collection, hint: unknown, hidden: boolean): IndexStore | undefined {
  if (hint === undefined || hint === null) return undefined;
  let index: IndexStore | undefined;
  if (typeof hint === 'string') {
    index = collection.indexes.get(hint);
  } else if (typeof hint === 'object' && Object.keys(hint as Document).length > 0) {
    const wanted = JSON.stringify(hint);
    index = [...collection.indexes.values()].find((candidate) => JSON.stringify(candidate.spec.key) === wanted);
  } else {
    return undefined;
  }
  if (!index || (index.hidden && !hidden)) throw new CommandError('BadValue', NO_SUCH_HINT);
  return index;
}

/** Values whose comparison a collation changes: strings, and documents or arrays that may hold them. */
function collationSensitive(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return value !== null && typeof value === 'object' && (Array.isArray(value) || rankOf(value) === 4);
}

/**
 * An index whose collation differs from the query's orders and equates strings differently, so
 * (as in MongoDB) it can bound only fields the query compares with no strings.
 */
function boundsUsable(index: IndexStore, bounds: Map<string, FieldBounds>): boolean {
  for (const field of index.fields) {
    const b = bounds.get(field);
    if (!b) continue;
    if (b.points?.some(collationSensitive) || collationSensitive(b.low) || collationSensitive(b.high)) return false;
  }
  return true;
}

/** `hidden`: a hint may name a hidden index (the TTL monitor's own scans); the planner never picks one itself. */
export function planQuery(collection: Collection, filter: Document | undefined, sort?: Document, hint?: unknown, collation?: CollationSpec | null, hidden = false): Plan {
  const bounds = boundsFromFilter(filter);
  const hinted = pickHinted(collection, hint, hidden);
  const hasSort = !!sort && Object.keys(sort).length > 0;
  const queryCollation = collationId(collation);
  const sameCollation = (index: IndexStore) => collationId(index.collationSpec) === queryCollation;
  if (hinted && !sameCollation(hinted) && !boundsUsable(hinted, bounds)) {
    return { stage: 'IXSCAN', index: hinted, intervals: [[[LOW], [HIGH]]], reverse: false, providesSort: !hasSort };
  }
  let best: Candidate | undefined;
  for (const index of hinted ? [hinted] : collection.indexes.values()) {
    if (!hinted && (!index.complete || index.hidden)) continue;
    if (!sameCollation(index) && !boundsUsable(index, bounds)) continue;
    const c = scoreIndex(index, bounds);
    if (!best || c.score > best.score || (c.score === best.score && preferable(c, best, bounds))) best = c;
  }
  if (best && best.score > 0) {
    pickRarestEquality(best.index, bounds);
    const eqFields = new Set(best.index.fields.slice(0, best.equalityPrefix));
    const direction = hasSort && sameCollation(best.index) ? sortDirection(best.index, sort!, eqFields) : hasSort ? 0 : 1;
    const others = otherEqualities(filter, best.index.fields[0], bounds, queryCollation === collationId(null) && sameCollation(best.index));
    const byEntry = others !== undefined && best.index.complete && best.index.multikeyFields.every((multikey, i) => i === 0 || !multikey);
    return {
      stage: 'IXSCAN',
      index: best.index,
      intervals: intervalsFor(best.index, bounds),
      reverse: direction === -1,
      providesSort: !hasSort || direction !== 0,
      exact: isExactEquality(filter, best.index),
      ...(others === undefined ? {} : byEntry ? { entryCheck: equalityEntryCheck(best.index, others, direction === -1) } : { precheck: equalityPrecheck(best.index.fields[0], others) }),
    };
  }
  if (hasSort) {
    for (const index of hinted ? [hinted] : collection.indexes.values()) {
      if ((!hinted && (!index.complete || index.hidden)) || !sameCollation(index)) continue;
      const direction = sortDirection(index, sort!, new Set());
      if (direction !== 0) {
        return { stage: 'IXSCAN', index, intervals: [[[LOW], [HIGH]]], reverse: direction === -1, providesSort: true };
      }
    }
  }
  if (hinted) return { stage: 'IXSCAN', index: hinted, intervals: [[[LOW], [HIGH]]], reverse: false, providesSort: !hasSort };
  return { stage: 'COLLSCAN' };
}

/**
 * A filter of plain values (no operators, arrays, regexes, documents or nulls) on the first fields of an index is
 * answered by the index alone: MongoDB equality is what the index compares, and the scan's interval holds every
 * document with those values (each once) whatever its later fields.
 */
function isExactEquality(filter: Document | undefined, index: IndexStore): boolean {
  if (!filter || !index.complete) return false;
  const fields = Object.keys(filter);
  if (fields.length === 0 || fields.length > index.fields.length) return false;
  const prefix = index.fields.slice(0, fields.length);
  return fields.every((f) => {
    const v = filter[f];
    if (!prefix.includes(f) || v === null || v === undefined || !isIndexablePoint(v)) return false;
    return typeof v !== 'object' || v instanceof Date || (v as { _bsontype?: string })._bsontype === 'ObjectId';
  });
}

/** Among equally constrained indexes, a unique one answers in one lookup; a shorter key is cheaper. */
function preferable(c: Candidate, best: Candidate, bounds: Map<string, FieldBounds>): boolean {
  const fullyEqual = (x: Candidate) => x.index.unique && x.equalityPrefix === x.index.fields.length;
  if (fullyEqual(c) !== fullyEqual(best)) return fullyEqual(c);
  void bounds;
  return c.index.fields.length < best.index.fields.length;
}

function intervalsFor(index: IndexStore, bounds: Map<string, FieldBounds>): Array<[IndexKey, IndexKey]> {
  let prefixes: unknown[][] = [[]];
  let i = 0;
  for (; i < index.fields.length; i++) {
    const b = bounds.get(index.fields[i]);
    if (!b?.points) break;
    const dir = index.directions[i];
    const points = [...b.points].sort((x, y) => index.compareValues(x, y) * dir);
    const next: unknown[][] = [];
    for (const p of prefixes) for (const v of points) next.push([...p, v]);
    prefixes = next;
    if (prefixes.length > 10_000) return [[[LOW], [HIGH]]];
  }
  const range = i < index.fields.length ? bounds.get(index.fields[i]) : undefined;
  const intervals: Array<[IndexKey, IndexKey]> = [];
  for (const p of prefixes) {
    if (range && !range.points) {
      let low: unknown = range.low ?? new TypeBound(rankOf(range.high), -1);
      let high: unknown = range.high ?? new TypeBound(rankOf(range.low), 1);
      if (index.directions[i] === -1) [low, high] = [high, low];
      intervals.push([[...p, low, LOW], [...p, high, HIGH]]);
    } else {
      intervals.push([[...p, LOW], [...p, HIGH]]);
    }
  }
  return intervals;
}

/** Documents in the plan's index order, each once; the caller still applies the full filter. */
export function* scanPlan(collection: Collection, plan: Plan): Generator<Document> {
  if (plan.stage === 'COLLSCAN') {
    yield* collection.docs.values();
    return;
  }
  const { index } = plan;
  const intervals = (plan.reverse ? [...plan.intervals].reverse() : plan.intervals).map(([low, high]) => [padKey(low, index.fields.length, LOW), padKey(high, index.fields.length, HIGH)]);
  const seen = intervals.length > 1 || (intervals.length === 1 && mayRepeat(index, intervals[0][0], intervals[0][1])) ? new Set<Document>() : undefined;
  const check = plan.entryCheck?.();
  for (const [lowKey, highKey] of intervals) {
    const entries = plan.reverse ? index.tree.entriesReversed(highKey) : index.tree.entries(lowKey);
    for (const [key, doc] of entries) {
      if (plan.reverse ? index.compareKeys(key, lowKey) < 0 : index.compareKeys(key, highKey) > 0) break;
      if (check && !check(key)) continue;
      if (seen) {
        if (seen.has(doc)) continue;
        seen.add(doc);
      }
      yield doc;
    }
  }
}

/**
 * Whether one interval can meet a document twice. A document's entries differ in some field holding several of its
 * values; where the interval pins every such field to one value, any two of them would compare equal on every
 * field and on the primary key, so the tree holds just one.
 */
function mayRepeat(index: IndexStore, low: IndexKey, high: IndexKey): boolean {
  for (let i = 0; i < index.fields.length; i++) {
    if (!index.multikeyFields[i]) continue;
    const [from, to] = [low[i], high[i]];
    if (from === LOW || from === HIGH || to === LOW || to === HIGH || index.compareValues(from, to) !== 0) return true;
  }
  return false;
}

/** Fills a bound out to a full key: once a sentinel appears, everything after it is the same sentinel. */
function padKey(key: IndexKey, fieldCount: number, fill: symbol): IndexKey {
  const out: unknown[] = [];
  let sentinel: unknown;
  for (let i = 0; i <= fieldCount; i++) {
    if (sentinel !== undefined) out.push(sentinel);
    else if (i < key.length && key[i] !== LOW && key[i] !== HIGH) out.push(key[i]);
    else {
      sentinel = i < key.length ? key[i] : fill;
      out.push(sentinel);
    }
  }
  return out;
}
