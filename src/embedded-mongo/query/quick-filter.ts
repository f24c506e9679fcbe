import type { Document } from 'bson';

/** What a quick test can say of a document: it matches, it does not, or only the full matcher can tell. */
export const NO = 0;
export const YES = 1;
export const UNSURE = 2;
export type Answer = typeof NO | typeof YES | typeof UNSURE;

type Condition = (value: unknown) => Answer;

/** A number, string or boolean whose comparisons JavaScript makes exactly as the full matcher does. */
function isPlainScalar(value: unknown): value is string | number | boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  return typeof value === 'number' && !Number.isNaN(value) && !Object.is(value, -0);
}

/**
 * Applies `test` to a field's value: to a plain scalar itself, to each element of an array of them (any may match);
 * an absent or null field never matches. Any other value (documents, dates, ids, NaN, -0, nested arrays) is left to
 * the full matcher.
 */
function scalarsOf(test: (value: string | number | boolean) => boolean): Condition {
  return (value) => {
    if (value === undefined || value === null) return NO;
    if (isPlainScalar(value)) return test(value) ? YES : NO;
    if (!Array.isArray(value)) return UNSURE;
    let found = false;
    for (const element of value) {
      if (element === null) continue;
      if (!isPlainScalar(element)) return UNSURE;
      found ||= test(element);
    }
    return found ? YES : NO;
  };
}

function negated(condition: Condition): Condition {
  return (value) => {
    const answer = condition(value);
    return answer === UNSURE ? UNSURE : answer === YES ? NO : YES;
  };
}

const RANGES: Record<string, (a: string | number, b: string | number) => boolean> = {
  $gt: (a, b) => a > b,
  $gte: (a, b) => a >= b,
  $lt: (a, b) => a < b,
  $lte: (a, b) => a <= b,
};

/** One operator of a field's condition, or undefined when the operator or its operand is not of the quick kind. */
function operatorCondition(operator: string, operand: unknown): Condition | undefined {
  if (operator === '$eq' || operator === '$ne') {
    if (!isPlainScalar(operand)) return undefined;
    const equal = scalarsOf((value) => value === operand);
    return operator === '$eq' ? equal : negated(equal);
  }
  if (operator === '$in' || operator === '$nin') {
    if (!Array.isArray(operand) || !operand.every(isPlainScalar)) return undefined;
    const values = new Set<unknown>(operand);
    const member = scalarsOf((value) => values.has(value));
    return operator === '$in' ? member : negated(member);
  }
  const range = RANGES[operator];
  if (range !== undefined && (typeof operand === 'string' || (typeof operand === 'number' && !Number.isNaN(operand)))) {
    // Values of another type never compare (type bracketing).
    return scalarsOf((value) => typeof value === typeof operand && range(value as string | number, operand));
  }
  return undefined;
}

function fieldConditions(condition: unknown, out: Condition[]): boolean {
  if (isPlainScalar(condition)) {
    out.push(operatorCondition('$eq', condition)!);
    return true;
  }
  if (condition === null || typeof condition !== 'object' || Object.getPrototypeOf(condition) !== Object.prototype) return false;
  const operators = Object.entries(condition as Document);
  if (operators.length === 0) return false;
  for (const [operator, operand] of operators) {
    const compiled = operatorCondition(operator, operand);
    if (compiled === undefined) return false;
    out.push(compiled);
  }
  return true;
}

function conjuncts(filter: Document, out: Array<[string, Condition]>): boolean {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and') {
      if (!Array.isArray(condition) || condition.length === 0) return false;
      for (const part of condition) {
        if (part === null || typeof part !== 'object' || Array.isArray(part) || !conjuncts(part as Document, out)) return false;
      }
      continue;
    }
    // Top-level fields only, and none that a plain object would find on its prototype.
    if (key === '' || key.startsWith('$') || key.includes('.') || key in Object.prototype) return false;
    const conditions: Condition[] = [];
    if (!fieldConditions(condition, conditions)) return false;
    for (const compiled of conditions) out.push([key, compiled]);
  }
  return true;
}

/**
 * A matcher for the commonest filters, or undefined for any other: conjunctions (top level or `$and`) of equality,
 * `$ne`, `$in`, `$nin` and ranges on top-level fields, with numbers, strings and booleans as operands, compared
 * binary (no collation). Lists filter by official and date range with these; the full matcher builds a query
 * object and walks generic paths for each document, several times the cost. Where a field holds anything but plain
 * scalars, the answer is UNSURE and the full matcher decides, so the two never disagree.
 */
export function quickFilter(filter: Document): ((doc: Document) => Answer) | undefined {
  const parts: Array<[string, Condition]> = [];
  if (!conjuncts(filter, parts) || parts.length === 0) return undefined;
  return (doc) => {
    let answer: Answer = YES;
    for (const [field, condition] of parts) {
      const part = condition(doc[field]);
      if (part === NO) return NO;
      if (part === UNSURE) answer = UNSURE;
    }
    return answer;
  };
}
