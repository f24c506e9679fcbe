import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { $group, $lookup, $sort } from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { $push } from 'mingo/operators/accumulator';
import { ensureArray, resolve } from 'mingo/util';
import { collationKeyOf, type Collation } from '../collation.js';
import { canonicalKey, compareBson } from './bson-order.js';
import { base, literal, type Expression } from './expression-checks.js';

type Stream = Parameters<typeof $group>[0];

/** A field name no stored document can hold (BSON names end at a NUL byte), for the stage's own bookkeeping. */
const FIRST = '\u0000first';

/** The expression operator that turns a value into its group key under the collation (internal to the stage below). */
export const COLLATION_KEY = '$__collationKey';

/** `{ $__collationKey: <expression> }`: the expression's value with its strings replaced by their collation keys. */
export function collationKeyOperator(collation: Collation) {
  return (doc: Document, expr: unknown, options: Options): unknown => collationKeyOf(evalExpr(doc, expr, options), collation);
}

/**
 * $group under a collation, as MongoDB groups: `_id` values equal under the collation (`Ana` and `ana` at strength 2)
 * fall in one group, which reports the first such value met. mingo's own $group runs with every accumulator as given,
 * grouping on the value's collation key (an expression operator of the same context), and the key is then swapped
 * for the value. Documents are not copied nor written into: `$$ROOT` is the document itself, and the pipeline may be
 * running on the stored documents.
 */
export function collatedGroupStage() {
  return (coll: Stream, expr: Document, options: Options): Stream => {
    const { _id: idExpr, ...accumulators } = expr;
    const grouped = $group(coll, { _id: { [COLLATION_KEY]: idExpr }, [FIRST]: { $first: idExpr }, ...accumulators }, options);
    return grouped.map((group: Document) => {
      const { _id: _key, [FIRST]: first, ...rest } = group;
      return { _id: first ?? null, ...rest };
    });
  };
}

/** $sortByCount under a collation: the collated $group, then the biggest groups first. */
export function collatedSortByCountStage() {
  const group = collatedGroupStage();
  return (coll: Stream, expr: unknown, options: Options): Stream => $sort(group(coll, { _id: expr, count: { $sum: 1 } }, options), { count: -1 }, options);
}

/**
 * $lookup with `localField` and `foreignField`, as MongoDB joins: the foreign documents whose `foreignField` (any
 * element of an array) equals the local value (any element of an array; missing and null match missing and null),
 * compared under the collation if there is one, in the foreign collection's order; with a `pipeline` too, the pipeline
 * runs on those documents alone, with the `let` variables. mingo ran such a pipeline on every foreign document as
 * soon as one matched, and compares without the collation; the `pipeline`-only form is mingo's own, its `$match`
 * stages already comparing under the collation.
 */
export function lookupStage(collation?: Collation) {
  const keyOf = (value: unknown) => canonicalKey(collation ? collationKeyOf(value, collation) : value);
  return (coll: Stream, expr: Document, options: Options): Stream => {
    const { localField, foreignField, from, as, pipeline } = expr as { localField?: string; foreignField?: string; from?: unknown; as: string; pipeline?: Document[] };
    const foreign = typeof from === 'string' ? options.collectionResolver?.(from) : undefined;
    if (localField === undefined || foreignField === undefined || !Array.isArray(foreign)) return $lookup(coll, expr as Parameters<typeof $lookup>[1], options);
    const positions = new Map<string, number[]>();
    foreign.forEach((doc, position) => {
      for (const value of ensureArray(resolve(doc as Document, foreignField) ?? null)) {
        const key = keyOf(value);
        const list = positions.get(key);
        if (list === undefined) positions.set(key, [position]);
        else if (list[list.length - 1] !== position) list.push(position);
      }
    });
    return coll.map((doc: Document) => {
      const local = resolve(doc, localField) ?? null;
      const found = new Set<number>();
      for (const value of Array.isArray(local) ? local : [local]) for (const position of positions.get(keyOf(value)) ?? []) found.add(position);
      const matched = [...found].sort((a, b) => a - b).map((position) => foreign[position] as Document);
      if (pipeline === undefined || pipeline.length === 0) return { ...doc, [as]: matched };
      // The pipeline-only form over just the matched documents: mingo evaluates `let` against this document.
      const { localField: _local, foreignField: _foreign, ...rest } = expr;
      return ($lookup([doc] as never, { ...rest, from: matched } as Parameters<typeof $lookup>[1], options) as unknown as Document[])[0];
    });
  };
}

type Accumulator = (coll: Document[], expr: unknown, options: Options) => unknown;

/** The most of a group's values in BSON order, strings compared under the collation; null and missing count only alone. */
function extreme(collation: Collation, sign: 1 | -1): Accumulator {
  return (coll, expr, options) => {
    let best: unknown = null;
    for (const value of $push(coll, expr, options) as unknown[]) {
      if (value === null || value === undefined) continue;
      if (best === null || sign * compareBson(value, best, collation.compare) > 0) best = value;
    }
    return best;
  };
}

/**
 * `$min`, `$max` and `$addToSet` under a collation, as MongoDB accumulates: strings compare under it, and values equal
 * under it are one element of a set (the first met stands for them).
 */
export function collatedAccumulators(collation: Collation): Record<string, Accumulator> {
  return {
    $max: extreme(collation, 1),
    $min: extreme(collation, -1),
    $addToSet: (coll, expr, options) => {
      const seen = new Map<string, unknown>();
      for (const value of $push(coll, expr, options) as unknown[]) {
        const key = canonicalKey(collationKeyOf(value, collation));
        if (!seen.has(key)) seen.set(key, value);
      }
      return [...seen.values()];
    },
  };
}

/**
 * The comparison expressions under a collation, as MongoDB evaluates them: two strings compare under it (`$eq` of
 * 'a' and 'A' is true at strength 2), and `$in` finds a string among strings so; any other operands, nested strings
 * included, compare as without one (mingo's own operators).
 */
export function collatedExpressions(collation: Collation): Record<string, Expression> {
  const compared = (name: string, accept: (c: number) => unknown): Expression => (doc, expr, options) => {
    const args = evalExpr(doc, expr, options) as unknown[];
    if (!Array.isArray(args)) return base[name](doc, expr, options);
    if (args.length !== 2 || typeof args[0] !== 'string' || typeof args[1] !== 'string') return base[name](doc, literal(args), options);
    return accept(collation.compare(args[0], args[1]));
  };
  return {
    $eq: compared('$eq', (c) => c === 0),
    $ne: compared('$ne', (c) => c !== 0),
    $gt: compared('$gt', (c) => c > 0),
    $gte: compared('$gte', (c) => c >= 0),
    $lt: compared('$lt', (c) => c < 0),
    $lte: compared('$lte', (c) => c <= 0),
    $cmp: compared('$cmp', (c) => Math.sign(c)),
    $in: (doc, expr, options) => {
      const args = evalExpr(doc, expr, options) as unknown[];
      if (!Array.isArray(args)) return base.$in(doc, expr, options);
      if (args.length !== 2 || typeof args[0] !== 'string' || !Array.isArray(args[1])) return base.$in(doc, literal(args), options);
      const item = args[0];
      return (args[1] as unknown[]).some((value) => typeof value === 'string' && collation.compare(item, value) === 0);
    },
  };
}
