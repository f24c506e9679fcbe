import type { Document } from 'bson';
import { bsonTypeOf } from './bson-values.js';
import { compileSchema } from './compile.js';
import { typeMismatch } from './errors.js';

export { JsonSchemaError } from './errors.js';
export { bsonTypeOf, bsonEquals, type BsonTypeName } from './bson-values.js';

export type JsonSchemaVerdict = { ok: true } | { ok: false; details: Document };

/**
 * Compiles a `$jsonSchema` document in MongoDB's dialect. Throws `JsonSchemaError` (with mongod's code and message)
 * for a schema mongod would refuse; the returned function explains a failing document in the shape of MongoDB 5+'s
 * `errInfo.details`.
 */
export function compileJsonSchema(schema: Document): (doc: Document) => JsonSchemaVerdict {
  if (bsonTypeOf(schema) !== 'object') throw typeMismatch('$jsonSchema must be an object');
  const compiled = compileSchema(schema, true);
  const head: Document = { operatorName: '$jsonSchema' };
  if (compiled.title !== undefined) head.title = compiled.title;
  return (doc) => {
    const failed = compiled.check(doc);
    return failed.length === 0 ? { ok: true } : { ok: false, details: { ...head, schemaRulesNotSatisfied: failed } };
  };
}
