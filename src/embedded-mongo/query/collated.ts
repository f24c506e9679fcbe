import type { Document } from 'bson';
import * as queryOperators from 'mingo/operators/query';
import type { Collation } from '../collation.js';
import { valuesAtPath } from '../storage/paths.js';

type Predicate = (doc: Document) => boolean;
type QueryOperator = (selector: string, value: unknown, options: unknown) => Predicate;

const base = queryOperators as unknown as Record<string, QueryOperator>;

/** The string values a path reaches, array elements included, as comparison operators see them. */
function stringsAt(doc: Document, selector: string): string[] {
  return valuesAtPath(doc, selector).filter((v): v is string => typeof v === 'string');
}

/**
 * MongoDB's comparison operators under a collation: string operands compare by the collation,
 * everything else as without one (mingo's own operators). Strings nested inside documents or
 * arrays given as operands still compare binary.
 */
export function collatedOperators(collation: Collation): Record<string, QueryOperator> {
  const equalTo = (selector: string, value: string): Predicate => (doc) =>
    stringsAt(doc, selector).some((s) => collation.compare(s, value) === 0);
  const ordered = (name: string, accept: (c: number) => boolean): QueryOperator => (selector, value, options) => {
    if (typeof value !== 'string') return base[name](selector, value, options);
    return (doc) => stringsAt(doc, selector).some((s) => accept(collation.compare(s, value)));
  };
  const $eq: QueryOperator = (selector, value, options) =>
    typeof value === 'string' ? equalTo(selector, value) : base.$eq(selector, value, options);
  const $in: QueryOperator = (selector, value, options) => {
    if (!Array.isArray(value) || !value.some((v) => typeof v === 'string')) return base.$in(selector, value, options);
    const strings = value.filter((v): v is string => typeof v === 'string');
    const others = base.$in(selector, value.filter((v) => typeof v !== 'string'), options);
    return (doc) => others(doc) || stringsAt(doc, selector).some((s) => strings.some((v) => collation.compare(s, v) === 0));
  };
  return {
    $eq,
    $ne: (selector, value, options) => {
      const eq = $eq(selector, value, options);
      return (doc) => !eq(doc);
    },
    $in,
    $nin: (selector, value, options) => {
      const inside = $in(selector, value, options);
      return (doc) => !inside(doc);
    },
    $gt: ordered('$gt', (c) => c > 0),
    $gte: ordered('$gte', (c) => c >= 0),
    $lt: ordered('$lt', (c) => c < 0),
    $lte: ordered('$lte', (c) => c <= 0),
  };
}
