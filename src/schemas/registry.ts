import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isPlainObject, readSchemaFiles, type JsonSchema } from './files.js';
import { toMongoJsonSchema } from './mongo.js';
import { deriveVariant, READ_ONLY_MESSAGE, variantId, type Variant } from './variants.js';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export interface FieldIssue {
  pointer: string;
  message: string;
}

export interface SchemaRegistry {
  /** Document kinds, one per `schemas/<kind>.json`. Methods also accept "<kind>#/$defs/<name>" for one definition. */
  readonly kinds: string[];
  schema(kind: string, variant: Variant): JsonSchema;
  /** Validates and returns every failing field; an empty list means valid. */
  check(kind: string, variant: Variant, value: unknown): FieldIssue[];
  mongoValidator(kind: string): JsonSchema;
  /** Compiles an ad-hoc schema (for example a query string schema) that may `$ref` the registry's schemas. */
  compile(schema: JsonSchema, options?: { coerce?: boolean }): (value: unknown) => FieldIssue[];
}

export type { JsonSchema };

let shared: SchemaRegistry | undefined;

/** The registry built from `schemas/` on disk; the files do not change while the process runs. */
export function schemaRegistry(): SchemaRegistry {
  return (shared ??= createSchemaRegistry());
}

const VARIANTS: Variant[] = ['full', 'create', 'patch'];

export function createSchemaRegistry(files: Map<string, JsonSchema> = readSchemaFiles()): SchemaRegistry {
  const annotations = collectExtensionKeywords(files);
  const makeAjv = (coerce: boolean) => {
    const ajv = new Ajv2020({ allErrors: true, strictTypes: false, strictTuples: false, coerceTypes: coerce ? 'array' : false, useDefaults: coerce });
    addFormats(ajv);
    for (const keyword of annotations) ajv.addKeyword({ keyword, schemaType: ['boolean', 'string', 'object', 'array', 'number'] });
    for (const [kind, schema] of files) {
      for (const variant of VARIANTS) ajv.addSchema(deriveVariant(kind, schema, variant));
    }
    return ajv;
  };
  const ajv = makeAjv(false);
  let coercingAjv: Ajv2020 | undefined;
  // By variant, then kind as asked: a list checks or presents every record with the same one, so a lookup that
  // hits does no string work.
  const validators = new Map<Variant, Map<string, ValidateFunction>>();
  const mongoValidators = new Map<string, JsonSchema>();

  const requireKind = (kind: string) => {
    if (!files.has(kind.split('#')[0])) throw new Error(`Unknown document kind "${kind}" (no schemas/${kind}.json)`);
  };
  // A kind may name a definition inside a file, e.g. "audience-request#/$defs/answer".
  const idOf = (kind: string, variant: Variant) => {
    const [file, fragment] = kind.split('#');
    return fragment === undefined ? variantId(file, variant) : `${variantId(file, variant)}#${fragment}`;
  };
  const compiled = (kind: string, variant: Variant) => {
    let byKind = validators.get(variant);
    if (byKind === undefined) validators.set(variant, (byKind = new Map()));
    let validate = byKind.get(kind);
    if (validate === undefined) {
      requireKind(kind);
      const id = idOf(kind, variant);
      validate = ajv.getSchema(id);
      if (validate === undefined) throw new Error(`No schema at ${id}`);
      byKind.set(kind, validate);
    }
    return validate;
  };

  return {
    kinds: [...files.keys()],
    schema(kind, variant) {
      return compiled(kind, variant).schema as JsonSchema;
    },
    check(kind, variant, value) {
      const validate = compiled(kind, variant);
      return validate(value) ? [] : toFieldIssues(validate.errors ?? []);
    },
    mongoValidator(kind) {
      requireKind(kind);
      let validator = mongoValidators.get(kind);
      if (validator === undefined) {
        validator = toMongoJsonSchema(kind, files);
        mongoValidators.set(kind, validator);
      }
      return validator;
    },
    compile(schema, options = {}) {
      const target = options.coerce === true ? (coercingAjv ??= makeAjv(true)) : ajv;
      const validate = target.compile(schema);
      return (value) => (validate(value) ? [] : toFieldIssues(validate.errors ?? []));
    },
  };
}

/** Turns Ajv's errors into one entry per failing field, each pointing at the field itself. */
export function toFieldIssues(errors: ErrorObject[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    let pointer = error.instancePath;
    let message = error.message ?? 'is not valid';
    if (error.keyword === 'required') {
      pointer += `/${escapePointer(String(error.params.missingProperty))}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      pointer += `/${escapePointer(String(error.params.additionalProperty))}`;
      message = 'is not an allowed field';
    } else if (error.keyword === 'false schema') {
      message = READ_ONLY_MESSAGE;
    }
    const key = `${pointer}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ pointer: pointer === '' ? '/' : pointer, message });
    }
  }
  return issues;
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `x-` annotations mark meaning for other layers (public projection, docs); Ajv must accept them, not enforce them. */
function collectExtensionKeywords(files: Map<string, JsonSchema>): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isPlainObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) found.add(key);
        visit(value);
      }
    }
  };
  files.forEach(visit);
  return found;
}
