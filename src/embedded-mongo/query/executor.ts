import type { Document } from 'bson';
import { Query } from 'mingo/query';
import { canonicalKey, compareBson, EMPTY_ARRAY_KEY, sortKeyOf, type StringOrder } from './bson-order.js';
import { cachedCollation, collationId, type CollationSpec } from '../collation.js';
import { checkFilter } from './filter-checks.js';
import { compileFilter, queryOptions, type Filter } from './mingo.js';
import { planQuery, scanPlan, type Plan } from './planner.js';
import { valuesAtParts } from '../storage/paths.js';
import type { Collection } from '../storage/collection.js';
import type { IndexStore } from '../storage/index-store.js';
import { CommandError } from '../errors.js';
import { inProjectionOrder } from './projection-order.js';

const MATCH_ALL: Filter = { test: () => true };

export interface QuerySpec {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  hint?: unknown;
  variables?: Document;
  /** The collation strings compare under (null or absent: binary). */
  collation?: CollationSpec | null;
  /** A transaction's view: stored versions to skip and the versions it sees instead. */
  overlay?: Overlay;
  /** The hint may name a hidden index: for the engine's own scans (TTL), never for a client's query. */
  hiddenHint?: boolean;
}

/** How a snapshot differs from the stored data: documents (by primary key) to hide, and what to add. */
export interface Overlay {
  hidden: Set<string>;
  extra: Document[];
}

export interface QueryRun {
  plan: Plan;
  /** Matching documents in order, after skip and limit; lazy when an index gives the order. */
  docs: Iterable<Document>;
  stats: { docsExamined: number };
}

export function checkSort(sort: unknown): Document | undefined {
  if (sort === undefined || sort === null) return undefined;
  if (typeof sort !== 'object' || Array.isArray(sort)) throw new CommandError('TypeMismatch', 'sort must be an object');
  for (const [field, dir] of Object.entries(sort as Document)) {
    const n = Number(dir);
    if (n !== 1 && n !== -1) {
      if (typeof dir === 'object' && dir && '$meta' in dir) continue;
      throw new CommandError('BadValue', `$sort key ordering must be 1 (for ascending) or -1 (for descending)`, {});
    }
    if (!field) throw new CommandError('BadValue', 'sort field name must not be empty');
  }
  return sort as Document;
}

/**
 * `{field: value}` on `_id` or on a single-field unique index, the commonest lookups, is one map
 * get: no planning, no filter, no generators. Not under a transaction's view, and for strings only
 * when the index compares them as the query does (the _id index is binary).
 */
function lookupByKey(collection: Collection, spec: QuerySpec): QueryRun | undefined {
  const filter = spec.filter;
  if (!filter || spec.overlay || spec.hint !== undefined || spec.skip || (spec.sort && Object.keys(spec.sort).length > 0)) return undefined;
  let field: string | undefined;
  for (const key in filter) {
    if (field !== undefined) return undefined;
    field = key;
  }
  if (field === undefined) return undefined;
  const value = filter[field] as unknown;
  const isString = typeof value === 'string';
  const plain = isString || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date || (value as { _bsontype?: string } | null)?._bsontype === 'ObjectId';
  if (!plain) return undefined;
  let doc: Document | undefined;
  let index: IndexStore | undefined;
  if (field === '_id') {
    if (isString && spec.collation) return undefined;
    index = collection.idIndex;
    doc = collection.getById(value);
  } else {
    for (const candidate of collection.indexes.values()) {
      if (candidate.fields.length !== 1 || candidate.fields[0] !== field || !candidate.unique || !candidate.complete || candidate.hidden) continue;
      if (isString && collationId(candidate.collationSpec) !== collationId(spec.collation)) continue;
      index = candidate;
      break;
    }
    if (!index) return undefined;
    const owner = index.ownerOf([value]);
    doc = owner === undefined ? undefined : collection.docs.get(owner);
  }
  return {
    plan: { stage: 'IXSCAN', index, intervals: [[[value], [value]]], reverse: false, providesSort: true, exact: true },
    docs: doc ? [doc] : [],
    stats: { docsExamined: doc ? 1 : 0 },
  };
}

/** 1 or -1 for `{ $natural: 1 }` or `{ $natural: -1 }` (the order documents were stored in, or its reverse). */
function naturalOrder(value: unknown): 1 | -1 | undefined {
  if (value === null || typeof value !== 'object' || Object.keys(value).length !== 1) return undefined;
  const direction = Number((value as Document).$natural);
  return direction === 1 || direction === -1 ? direction : undefined;
}

export function runQuery(collection: Collection | undefined, spec: QuerySpec): QueryRun {
  // `{ $natural: ±1 }`, by sort or by hint, asks for a collection scan in the order documents were stored (an update
  // keeps a document's place), or its reverse; any other sort then applies.
  const natural = naturalOrder(spec.sort) ?? naturalOrder(spec.hint);
  const direct = collection && natural === undefined ? lookupByKey(collection, spec) : undefined;
  if (direct) return direct;
  const stats = { docsExamined: 0 };
  const sort = spec.sort && Object.keys(spec.sort).length > 0 && naturalOrder(spec.sort) === undefined ? spec.sort : undefined;
  const overlay = spec.overlay;
  const collation = spec.collation ?? undefined;
  if (spec.filter && typeof spec.filter === 'object' && !Array.isArray(spec.filter)) checkFilter(spec.filter);
  let plan: Plan | undefined =
    natural !== undefined
      ? { stage: 'COLLSCAN', direction: natural === 1 ? 'forward' : 'backward' }
      : collection ? planQuery(collection, spec.filter, sort, spec.hint, collation, spec.hiddenHint) : undefined;
  if (!plan && overlay) plan = { stage: 'COLLSCAN' };
  // An index lookup that answers the whole filter exactly needs no second look at each document;
  // a transaction's own versions never came from the index, so they are always re-checked.
  const exact = plan && plan.stage === 'IXSCAN' && plan.exact && !overlay;
  const filter = exact ? MATCH_ALL : compileFilter(spec.filter, spec.variables, collation, true);
  if (!plan) return { plan: { stage: 'COLLSCAN' }, docs: [], stats };
  const skip = spec.skip ?? 0;
  const limit = spec.limit && spec.limit > 0 ? spec.limit : Infinity;
  const precheck = plan.stage === 'IXSCAN' ? plan.precheck : undefined;
  const matched = matching(candidates(collection, plan, overlay), precheck, filter, stats);
  const found = natural === -1 ? [...matched].reverse() : matched;
  const ordered = plan.stage === 'IXSCAN' && plan.providesSort && !(overlay && overlay.extra.length > 0);
  if (!sort || ordered) return { plan, docs: window(found, skip, limit), stats };
  return { plan, docs: window(sortDocuments([...found], sort, collation), skip, limit), stats };
}

/*
 * The stages of a query are generator functions declared once here, never inside runQuery. A generator function
 * created per call gets its own prototype and object shape, which live until a full collection and keep everything
 * the call's closure holds (plan, filter, documents) alive through every young collection: at 500 queries a second
 * that promoted megabytes a second and brought on a full collection of a large heap every minute or two.
 */

/** The plan's documents, less those a transaction's view hides, then the versions only that view holds. */
function* candidates(source: Collection | undefined, plan: Plan, overlay: Overlay | undefined): Generator<Document> {
  if (source) {
    if (!overlay) yield* scanPlan(source, plan);
    else for (const doc of scanPlan(source, plan)) if (!overlay.hidden.has(canonicalKey(doc._id))) yield doc;
  }
  if (overlay) yield* overlay.extra;
}

function* matching(docs: Iterable<Document>, precheck: ((doc: Document) => boolean) | undefined, filter: Filter, stats: { docsExamined: number }): Generator<Document> {
  for (const doc of docs) {
    stats.docsExamined++;
    if ((precheck === undefined || precheck(doc)) && filter.test(doc)) yield doc;
  }
}

function* window(docs: Iterable<Document>, skip: number, limit: number): Generator<Document> {
  let skipped = 0;
  let taken = 0;
  if (taken >= limit) return;
  for (const doc of docs) {
    if (skipped < skip) {
      skipped++;
      continue;
    }
    yield doc;
    if (++taken >= limit) return;
  }
}

export function sortDocuments(docs: Document[], sort: Document, collation?: CollationSpec): Document[] {
  const fields = Object.entries(sort).map(([f, d]) => [f.split('.'), Number(d) < 0 ? -1 : 1] as [string[], 1 | -1]);
  const strings = collation ? cachedCollation(collation).compare : undefined;
  const keyed = docs.map((doc) => ({ doc, keys: fields.map(([parts, d]) => sortValue(doc, parts, d, strings)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareBson(a.keys[i], b.keys[i], strings);
      if (c !== 0) return c * fields[i][1];
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

/**
 * A document's key in a sort, as an index would key it: of several values the least ascending and the greatest
 * descending; an empty array below null and missing; an array inside an array as one value.
 */
function sortValue(doc: Document, parts: string[], direction: 1 | -1, strings?: StringOrder): unknown {
  const values = valuesAtParts(doc, parts, EMPTY_ARRAY_KEY);
  if (values.length === 1) return values[0] ?? null;
  return sortKeyOf(values.map((v) => v ?? null), direction, strings);
}

/** Applies a find projection to a batch; the filter is needed for the positional `$` projection. */
export function projectDocuments(docs: Document[], projection: Document | undefined, filter?: Document): Document[] {
  if (!projection || Object.keys(projection).length === 0 || docs.length === 0) return docs;
  const excluded = topLevelExclusion(projection);
  if (excluded) return docs.map((doc) => withoutFields(doc, excluded));
  try {
    const usesPositional = Object.keys(projection).some((k) => k.endsWith('.$'));
    const projected = new Query(usesPositional ? (filter ?? {}) : {}, queryOptions()).find<Document>(docs, projection).all();
    // Every document given matched its query, so the projection gives one for each, in the same order.
    return projected.length === docs.length ? projected.map((out, i) => inProjectionOrder(out, docs[i], projection)) : projected;
  } catch (err) {
    const message = (err as Error).message;
    if (/exclusion and inclusion/i.test(message)) throw new CommandError('Location31254', 'Cannot do exclusion on field in inclusion projection');
    throw new CommandError('BadValue', message);
  }
}

/**
 * The fields of a projection that only drops top-level fields (`{a: 0, b: false}`), or undefined for any
 * other kind. That shape, the commonest (leaving out bulky fields), is a plain copy without those keys.
 */
export function topLevelExclusion(projection: Document): Set<string> | undefined {
  const fields = new Set<string>();
  for (const field in projection) {
    const value = projection[field] as unknown;
    if ((value !== 0 && value !== false) || field.includes('.') || field.startsWith('$')) return undefined;
    fields.add(field);
  }
  return fields;
}

function withoutFields(doc: Document, excluded: Set<string>): Document {
  const out: Document = {};
  for (const field in doc) if (!excluded.has(field)) out[field] = doc[field];
  return out;
}

/** Explain output in the shape drivers and tests read (queryPlanner.winningPlan.stage and inputStage). */
export function explainPlan(ns: string, plan: Plan, hasSort: boolean, returned: number, docsExamined: number): Document {
  let winningPlan: Document;
  if (plan.stage === 'COLLSCAN') {
    winningPlan = { stage: 'COLLSCAN', direction: plan.direction ?? 'forward' };
  } else {
    winningPlan = {
      stage: 'FETCH',
      inputStage: {
        stage: 'IXSCAN',
        keyPattern: plan.index.spec.key,
        indexName: plan.index.name,
        isMultiKey: plan.index.multikey,
        isUnique: plan.index.unique,
        direction: plan.reverse ? 'backward' : 'forward',
      },
    };
  }
  if (hasSort && !(plan.stage === 'IXSCAN' && plan.providesSort)) winningPlan = { stage: 'SORT', inputStage: winningPlan };
  return {
    queryPlanner: { namespace: ns, winningPlan, rejectedPlans: [] },
    executionStats: { executionSuccess: true, nReturned: returned, totalDocsExamined: docsExamined },
  };
}
