import type { Document } from 'bson';
import { bsonTypeOf, toNumber } from './bson-values.js';
import { booleanArgument, compilePattern, lengthArgument, numberArgument, stringArgument } from './arguments.js';
import type { Check } from './compiled.js';
import { failedToParse } from './errors.js';

/** pattern, maxLength, minLength, multipleOf, maximum, minimum: they only constrain values of their own type. */
export function scalarKeywords(schema: Document, top: boolean): Check[] {
  const checks: Check[] = [];
  const rule = (operatorName: string, specifiedAs: Document, reason: string, value: unknown) => ({
    operatorName, specifiedAs, reason, consideredValue: value,
  });

  if (schema.pattern !== undefined) {
    const re = compilePattern('pattern', stringArgument('pattern', schema.pattern));
    checks.push((v) =>
      typeof v === 'string' && !re.test(v)
        ? [rule('pattern', { pattern: schema.pattern }, 'regular expression did not match', v)]
        : [],
    );
  }
  for (const keyword of ['maxLength', 'minLength'] as const) {
    if (schema[keyword] === undefined) continue;
    const limit = lengthArgument(keyword, schema[keyword]);
    const fails = keyword === 'maxLength' ? (n: number) => n > limit : (n: number) => n < limit;
    checks.push((v) =>
      typeof v === 'string' && fails(codePoints(v))
        ? [rule(keyword, { [keyword]: schema[keyword] }, 'specified string length was not satisfied', v)]
        : [],
    );
  }
  if (schema.multipleOf !== undefined) {
    numberArgument('multipleOf', schema.multipleOf);
    const divisor = toNumber(schema.multipleOf);
    if (!(divisor > 0)) throw failedToParse("$jsonSchema keyword 'multipleOf' must have a positive value");
    checks.push((v) =>
      isNumeric(v) && toNumber(v) % divisor !== 0
        ? [rule('multipleOf', { multipleOf: schema.multipleOf }, 'considered value is not a multiple of the specified value', v)]
        : [],
    );
  }
  for (const [keyword, exclusiveKeyword, fails] of [
    ['maximum', 'exclusiveMaximum', (x: number, limit: number, exclusive: boolean) => (exclusive ? x >= limit : x > limit)],
    ['minimum', 'exclusiveMinimum', (x: number, limit: number, exclusive: boolean) => (exclusive ? x <= limit : x < limit)],
  ] as const) {
    const exclusive = schema[exclusiveKeyword] !== undefined && booleanArgument(exclusiveKeyword, schema[exclusiveKeyword]);
    if (schema[keyword] === undefined) {
      if (schema[exclusiveKeyword] !== undefined) {
        throw failedToParse(`$jsonSchema keyword '${keyword}' must be a present if ${exclusiveKeyword} is present`);
      }
      continue;
    }
    numberArgument(keyword, schema[keyword]);
    const limit = toNumber(schema[keyword]);
    const specifiedAs: Document = { [keyword]: schema[keyword] };
    if (exclusive) specifiedAs[exclusiveKeyword] = true;
    checks.push((v) =>
      isNumeric(v) && fails(toNumber(v), limit, exclusive) ? [rule(keyword, specifiedAs, 'comparison failed', v)] : [],
    );
  }
  // Arguments are checked above even at the top level, but a document is never a string or a number.
  return top ? [] : checks;
}

function isNumeric(v: unknown): boolean {
  const t = bsonTypeOf(v);
  return t === 'int' || t === 'long' || t === 'double' || t === 'decimal';
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
