import type { Document } from 'bson';
import * as queryOperators from 'mingo/operators/query';
import type { Collation } from '../collation.js';
import { valuesAndArraysAtPath, valuesAtPath } from '../storage/paths.js';
import { compareBson, rankOf } from './bson-order.js';
import { isPlainObject } from '../json-schema/bson-values.js';

type Predicate = (doc: Document) => boolean;
type QueryOperator = (selector: string, value: unknown, options: unknown) => Predicate;

const base = queryOperators as unknown as Record<string, QueryOperator>;

/** The string values a path reaches, array elements included, as comparison operators see them. */
function stringsAt(doc: Document, selector: string): string[] {
  return valuesAtPath(doc, selector).filter((v): v is string => typeof v === 'string');
}

/** A document or array with a string somewhere inside it: as an operand, it compares under the collation too. */
function holdsStrings(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((item) => typeof item === 'string' || holdsStrings(item));
  if (!isPlainObject(value)) return false;
  return Object.values(value).some((item) => typeof item === 'string' || holdsStrings(item));
}

/**
 * MongoDB's comparison operators under a collation: strings compare by the collation, those nested in documents and
 * arrays given as operands too; everything else as without one (mingo's own operators).
 */
export function collatedOperators(collation: Collation): Record<string, QueryOperator> {
  const strings = collation.compare;
  // An operand holding strings inside is compared whole, as BSON values of its own type (documents with documents).
  const sameType = (doc: Document, selector: string, value: unknown): unknown[] =>
    valuesAndArraysAtPath(doc, selector).filter((v) => rankOf(v) === rankOf(value));
  const equalTo = (selector: string, value: unknown): Predicate =>
    typeof value === 'string'
      ? (doc) => stringsAt(doc, selector).some((s) => strings(s, value) === 0)
      : (doc) => sameType(doc, selector, value).some((v) => compareBson(v, value, strings) === 0);
  const collated = (value: unknown) => typeof value === 'string' || holdsStrings(value);
  const ordered = (name: string, accept: (c: number) => boolean): QueryOperator => (selector, value, options) => {
    if (typeof value === 'string') return (doc) => stringsAt(doc, selector).some((s) => accept(strings(s, value)));
    if (!Array.isArray(value) && holdsStrings(value)) return (doc) => sameType(doc, selector, value).some((v) => accept(compareBson(v, value, strings)));
    return base[name](selector, value, options);
  };
  const $eq: QueryOperator = (selector, value, options) => (collated(value) ? equalTo(selector, value) : base.$eq(selector, value, options));
  const $in: QueryOperator = (selector, value, options) => {
    if (!Array.isArray(value) || !value.some(collated)) return base.$in(selector, value, options);
    const underIt = value.filter(collated).map((v) => equalTo(selector, v));
    const others = base.$in(selector, value.filter((v) => !collated(v)), options);
    return (doc) => others(doc) || underIt.some((test) => test(doc));
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
