import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { compileFilter } from '../query/mingo.js';
import { compileJsonSchema, JsonSchemaError } from '../json-schema/index.js';

export interface ValidationOptions {
  validator?: Document;
  validationLevel?: 'off' | 'strict' | 'moderate';
  validationAction?: 'error' | 'warn';
}

type Check = (doc: Document) => { ok: true } | { ok: false; details: Document };

/** A collection's validator with MongoDB's level/action semantics. */
export class DocumentValidator {
  private readonly check?: Check;
  private readonly level: 'off' | 'strict' | 'moderate';
  private readonly action: 'error' | 'warn';

  constructor(options: ValidationOptions) {
    this.level = options.validationLevel ?? 'strict';
    this.action = options.validationAction ?? 'error';
    const validator = options.validator;
    if (validator && Object.keys(validator).length > 0) this.check = compileValidator(validator);
  }

  /** Throws DocumentValidationFailure (121) when the new version of a document is not acceptable. */
  validate(doc: Document, previous?: Document): void {
    if (!this.check || this.level === 'off') return;
    // "moderate" lets documents that were already invalid stay invalid.
    if (this.level === 'moderate' && previous && !this.check(previous).ok) return;
    const result = this.check(doc);
    if (result.ok || this.action === 'warn') return;
    throw new CommandError('DocumentValidationFailure', 'Document failed validation', {
      errInfo: { failingDocumentId: doc._id, details: result.details },
    });
  }
}

function compileSchema(schema: Document): Check {
  try {
    return compileJsonSchema(schema);
  } catch (err) {
    if (err instanceof JsonSchemaError) throw new CommandError(err.codeName as 'BadValue', err.message);
    throw err;
  }
}

function compileValidator(validator: Document): Check {
  const keys = Object.keys(validator);
  if (keys.length === 1 && keys[0] === '$jsonSchema') return compileSchema(validator.$jsonSchema as Document);
  if (keys.includes('$jsonSchema')) {
    const schemaCheck = compileSchema(validator.$jsonSchema as Document);
    const rest = { ...validator };
    delete rest.$jsonSchema;
    const restFilter = compileFilter(rest);
    return (doc) => {
      const r = schemaCheck(doc);
      if (!r.ok) return r;
      return restFilter.test(doc) ? { ok: true } : { ok: false, details: { operatorName: '$and', specifiedAs: validator } };
    };
  }
  const filter = compileFilter(validator);
  return (doc) => (filter.test(doc) ? { ok: true } : { ok: false, details: { operatorName: '$and', specifiedAs: validator } });
}
