import type { Document } from 'bson';
import { bsonEquals, bsonTypeOf } from './bson-values.js';
import { enumArgument, schemaList } from './arguments.js';
import type { Check, SubCompiler } from './compiled.js';
import { typeMismatch } from './errors.js';

/** allOf, anyOf, oneOf, not, enum: they apply to the value whatever its type. */
export function logicalKeywords(schema: Document, sub: SubCompiler): Check[] {
  const checks: Check[] = [];
  const branches = (keyword: string) => schemaList(keyword, schema[keyword]).map((s) => sub(s));
  const failures = (compiled: ReturnType<typeof branches>, v: unknown) =>
    compiled.map((b, index) => ({ index, details: b.check(v) })).filter((f) => f.details.length > 0);

  if (schema.allOf !== undefined) {
    const all = branches('allOf');
    checks.push((v) => {
      const failed = failures(all, v);
      return failed.length > 0 ? [{ operatorName: 'allOf', schemasNotSatisfied: failed }] : [];
    });
  }
  if (schema.anyOf !== undefined) {
    const any = branches('anyOf');
    checks.push((v) => {
      const failed = failures(any, v);
      return failed.length === any.length ? [{ operatorName: 'anyOf', schemasNotSatisfied: failed }] : [];
    });
  }
  if (schema.oneOf !== undefined) {
    const one = branches('oneOf');
    checks.push((v) => {
      const failed = failures(one, v);
      const matching = one.map((_, i) => i).filter((i) => !failed.some((f) => f.index === i));
      if (matching.length === 1) return [];
      if (matching.length === 0) return [{ operatorName: 'oneOf', schemasNotSatisfied: failed }];
      return [{ operatorName: 'oneOf', reason: 'more than one subschema matched', matchingSchemaIndexes: matching }];
    });
  }
  if (schema.not !== undefined) {
    if (bsonTypeOf(schema.not) !== 'object') {
      throw typeMismatch(`$jsonSchema keyword 'not' must be an object, but found an element of type ${bsonTypeOf(schema.not)}`);
    }
    const negated = sub(schema.not as Document);
    checks.push((v) => (negated.check(v).length === 0 ? [{ operatorName: 'not', reason: 'child expression matched' }] : []));
  }
  if (schema.enum !== undefined) {
    const allowed = enumArgument(schema.enum);
    checks.push((v) =>
      allowed.some((a) => bsonEquals(a, v))
        ? []
        : [{ operatorName: 'enum', specifiedAs: { enum: schema.enum }, reason: 'value was not found in enum', consideredValue: v }],
    );
  }
  return checks;
}
