// Expression operators that MongoDB refuses to evaluate where mingo answers null or nothing: a `$mod` by zero,
// `$size` of something that is not an array, `$concat` of a number, a `$switch` no branch of which matches, a date
// string that is no date. Each checks its evaluated arguments and hands the rest to mingo's own operator.
import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import * as expressionOperators from 'mingo/operators/expression';
import type { Options } from 'mingo/types';
import { CommandError } from '../errors.js';
import { bsonTypeOf, isNumber } from '../json-schema/bson-values.js';

export type Expression = (doc: Document, expr: unknown, options: Options) => unknown;
/** mingo's own expression operators, which those here check for and then call. */
export const base = expressionOperators as unknown as Record<string, Expression>;

/** A value's type as expression errors name it, `missing` for a field that is not there. */
const typeOf = (value: unknown) => (value === undefined ? 'missing' : bsonTypeOf(value));
/** Values already evaluated, as arguments mingo will not evaluate again (a string starting with `$` stays a string). */
export const literal = (values: unknown[]) => values.map((value) => ({ $literal: value }));
/** MongoDB's truth in expressions: false, null, missing and zero are false, anything else (`""`, `[]`) true. */
const truthy = (value: unknown) => value !== false && value !== null && value !== undefined && value !== 0;

function argumentsOf(doc: Document, expr: unknown, options: Options): unknown[] {
  const args = evalExpr(doc, expr, options);
  return Array.isArray(expr) ? (args as unknown[]) : [args];
}

export const checkedExpressions: Record<string, Expression> = {
  $mod(doc, expr, options) {
    const args = argumentsOf(doc, expr, options);
    if (args.length === 2 && isNumber(args[1]) && Number(args[1]) === 0) throw new CommandError('Location16610', "can't $mod by zero");
    return base.$mod(doc, literal(args), options);
  },
  $divide(doc, expr, options) {
    const args = argumentsOf(doc, expr, options);
    if (args.length === 2 && isNumber(args[0]) && isNumber(args[1]) && Number(args[1]) === 0) throw new CommandError('BadValue', "can't $divide by zero");
    return base.$divide(doc, literal(args), options);
  },
  $size(doc, expr, options) {
    const [value] = Array.isArray(expr) && expr.length === 1 ? argumentsOf(doc, expr, options) : [evalExpr(doc, expr, options)];
    if (!Array.isArray(value)) throw new CommandError('Location17124', `The argument to $size must be an array. Type of argument: ${typeOf(value)}`);
    return value.length;
  },
  $concat(doc, expr, options) {
    const args = argumentsOf(doc, expr, options);
    for (const value of args) {
      if (value !== null && value !== undefined && typeof value !== 'string') throw new CommandError('Location16702', `$concat only supports strings, not ${typeOf(value)}`);
    }
    return base.$concat(doc, literal(args), options);
  },
  $switch(doc, expr, options) {
    const { branches, default: otherwise } = expr as { branches?: { case: unknown; then: unknown }[]; default?: unknown };
    for (const branch of branches ?? []) if (truthy(evalExpr(doc, branch.case, options))) return evalExpr(doc, branch.then, options);
    if (otherwise === undefined && !Object.hasOwn(expr as object, 'default')) {
      throw new CommandError('Location40066', '$switch could not find a matching branch for an input, and no default was specified.');
    }
    return evalExpr(doc, otherwise, options);
  },
  /**
   * Runs only functions the engine itself built ($setWindowFields computes its windows through one): a client's
   * `$function` arrives as BSON code, never a function, and server-side JavaScript is not run (238).
   */
  $function(doc, expr, options) {
    const fn = evalExpr(doc, expr, options) as { body?: unknown; args?: unknown[] };
    if (typeof fn?.body !== 'function') throw new CommandError('NotImplemented', 'server-side JavaScript ($function) is not supported by the embedded engine');
    return (fn.body as (...args: unknown[]) => unknown)(...(fn.args ?? []));
  },
  $dateFromString(doc, expr, options) {
    const result = base.$dateFromString(doc, expr, options);
    const spec = expr as { dateString?: unknown; onError?: unknown };
    if (result === undefined && spec.onError === undefined) {
      const dateString = evalExpr(doc, spec.dateString, options);
      if (typeof dateString === 'string') throw new CommandError('ConversionFailure', `Error parsing date string '${dateString}'`);
    }
    return result;
  },
};
