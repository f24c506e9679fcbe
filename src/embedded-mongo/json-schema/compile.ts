import type { Document } from 'bson';
import { bsonTypeOf } from './bson-values.js';
import { typeArgument, typeSetHas } from './arguments.js';
import { arrayKeywords } from './array-keywords.js';
import type { Check, CompiledSchema } from './compiled.js';
import { failedToParse, typeMismatch } from './errors.js';
import { logicalKeywords } from './logical-keywords.js';
import { objectKeywords } from './object-keywords.js';
import { scalarKeywords } from './scalar-keywords.js';

const KEYWORDS = new Set([
  'additionalItems', 'additionalProperties', 'allOf', 'anyOf', 'bsonType', 'dependencies', 'description', 'enum',
  'exclusiveMaximum', 'exclusiveMinimum', 'items', 'maxItems', 'maxLength', 'maxProperties', 'maximum', 'minItems',
  'minLength', 'minProperties', 'minimum', 'multipleOf', 'not', 'oneOf', 'pattern', 'patternProperties', 'properties',
  'required', 'title', 'type', 'uniqueItems',
]);
/** Standard JSON Schema keywords mongod names as unsupported rather than unknown. */
const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);

/**
 * Compiles one (sub)schema. `top` marks the schema of the whole document: there, keywords for strings, numbers and
 * arrays can never apply, and a `type` that excludes objects can never be satisfied.
 */
export function compileSchema(schema: Document, top: boolean): CompiledSchema {
  for (const keyword of Object.keys(schema)) {
    if (KEYWORDS.has(keyword)) continue;
    if (UNSUPPORTED.has(keyword)) throw failedToParse(`$jsonSchema keyword '${keyword}' is not currently supported`);
    throw failedToParse(`Unknown $jsonSchema keyword: ${keyword}`);
  }
  for (const keyword of ['title', 'description'] as const) {
    if (schema[keyword] !== undefined && typeof schema[keyword] !== 'string') {
      throw typeMismatch(`$jsonSchema keyword '${keyword}' must be of type string`);
    }
  }
  if (schema.type !== undefined && schema.bsonType !== undefined) {
    throw failedToParse("Cannot specify both $jsonSchema keywords 'type' and 'bsonType'");
  }
  const typeKeyword = schema.bsonType !== undefined ? 'bsonType' : schema.type !== undefined ? 'type' : null;
  const typeSet = typeKeyword ? typeArgument(typeKeyword, schema[typeKeyword]) : null;

  const sub = (nested: Document) => compileSchema(nested, false);
  // The order is the order in which mongod lists failed rules.
  const checks: Check[] = [
    ...scalarKeywords(schema, top),
    ...arrayKeywords(schema, top, sub),
    ...objectKeywords(schema, sub),
    ...logicalKeywords(schema, sub),
  ];
  if (typeKeyword && typeSet) {
    const specifiedAs = { [typeKeyword]: schema[typeKeyword] };
    const wrongType = (v: unknown) => ({
      operatorName: typeKeyword,
      specifiedAs,
      reason: 'type did not match',
      consideredValue: v,
      consideredType: bsonTypeOf(v),
    });
    if (!top) checks.push((v) => (typeSetHas(typeSet, bsonTypeOf(v)) ? [] : [wrongType(v)]));
    else if (!typeSetHas(typeSet, 'object')) checks.push((v) => [wrongType(v)]);
  }

  const compiled: CompiledSchema = {
    check: (value) => {
      const failed: Document[] = [];
      for (const check of checks) failed.push(...check(value));
      return failed;
    },
  };
  if (schema.title !== undefined) compiled.title = schema.title;
  if (schema.description !== undefined) compiled.description = schema.description;
  return compiled;
}
