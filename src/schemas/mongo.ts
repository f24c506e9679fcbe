import { isPlainObject, readPointer, resolveRef, SCHEMA_BASE, type JsonSchema } from './files.js';

const BSON_TYPES: Record<string, string[]> = {
  string: ['string'],
  integer: ['int', 'long'],
  number: ['int', 'long', 'double', 'decimal'],
  boolean: ['bool'],
  object: ['object'],
  array: ['array'],
  null: ['null'],
};

/** Keywords MongoDB's `$jsonSchema` accepts unchanged; everything else is either translated below or dropped. */
const KEPT = new Set([
  'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'multipleOf', 'required',
]);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

interface Context {
  schemas: Map<string, JsonSchema>;
  resolving: string[];
}

/**
 * Derives the MongoDB collection validator for one document kind: refs inlined, JSON types as BSON types,
 * keywords MongoDB rejects removed, and the API's `id` replaced by `_id`. `writeOnly` fields are input only
 * (never stored), so the stored document may not carry them.
 */
export function toMongoJsonSchema(kind: string, schemas: Map<string, JsonSchema>): JsonSchema {
  const byId = new Map<string, JsonSchema>();
  for (const schema of schemas.values()) byId.set(String(schema.$id), schema);
  const root = schemas.get(kind);
  if (root === undefined) throw new Error(`No schema for kind "${kind}"`);
  const converted = convert(root, String(root.$id), { schemas: byId, resolving: [] }) as JsonSchema;
  const properties = isPlainObject(converted.properties) ? { ...converted.properties } : {};
  delete properties.id;
  converted.properties = { _id: {}, ...properties };
  if (Array.isArray(converted.required)) {
    converted.required = (converted.required as string[]).map((name) => (name === 'id' ? '_id' : name));
  }
  return converted;
}

function convert(node: unknown, baseId: string, context: Context): unknown {
  if (node === true) return {};
  if (node === false) return { not: {} };
  if (!isPlainObject(node)) return node;

  if (typeof node.$ref === 'string') {
    const { $ref, ...siblings } = node;
    const target = inline($ref, baseId, context);
    const rest = convert(siblings, baseId, context) as JsonSchema;
    return Object.keys(rest).length === 0 ? target : { allOf: [target, rest] };
  }

  const out: JsonSchema = {};
  const writeOnly = new Set<string>();
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type') {
      const types = (Array.isArray(value) ? value : [value]).flatMap((t) => BSON_TYPES[String(t)] ?? []);
      const unique = [...new Set(types)];
      out.bsonType = unique.length === 1 ? unique[0] : unique;
    } else if (key === 'const') {
      out.enum = [value];
    } else if (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') {
      // Draft 2020 puts the bound in the keyword; MongoDB speaks draft 4, where it is a flag on minimum/maximum.
      if (typeof value === 'number') {
        out[key === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
        out[key] = true;
      }
    } else if (key === 'properties' || key === 'patternProperties') {
      const properties: JsonSchema = {};
      for (const [name, propertySchema] of Object.entries(value as JsonSchema)) {
        if (isPlainObject(propertySchema) && propertySchema.writeOnly === true) writeOnly.add(name);
        else properties[name] = convert(propertySchema, baseId, context);
      }
      out[key] = properties;
    } else if (key === 'additionalProperties') {
      out[key] = typeof value === 'boolean' ? value : convert(value, baseId, context);
    } else if (key === 'items') {
      out[key] = Array.isArray(value)
        ? value.map((item) => convert(item, baseId, context))
        : convert(value, baseId, context);
    } else if (key === 'not') {
      out[key] = convert(value, baseId, context);
    } else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => convert(item, baseId, context));
    } else if (key === 'dependentRequired') {
      out.dependencies = value;
    } else if (KEPT.has(key)) {
      out[key] = value;
    }
    // Anything else ($schema, $id, $defs, format, readOnly, title, default, examples, x-*, if/then/else...) is
    // dropped: MongoDB rejects unknown keywords, and the API validates those rules before anything is written.
  }
  if (Array.isArray(out.required) && writeOnly.size > 0) {
    out.required = (out.required as string[]).filter((name) => !writeOnly.has(name));
    // Draft 4, which MongoDB speaks, requires a non-empty list.
    if ((out.required as string[]).length === 0) delete out.required;
  }
  if (node.exclusiveMinimum !== undefined && typeof node.minimum === 'number' && typeof node.exclusiveMinimum === 'number') {
    out.minimum = Math.max(node.minimum, node.exclusiveMinimum);
    out.exclusiveMinimum = node.exclusiveMinimum >= node.minimum;
  }
  if (node.exclusiveMaximum !== undefined && typeof node.maximum === 'number' && typeof node.exclusiveMaximum === 'number') {
    out.maximum = Math.min(node.maximum, node.exclusiveMaximum);
    out.exclusiveMaximum = node.exclusiveMaximum <= node.maximum;
  }
  return out;
}

function inline(ref: string, baseId: string, context: Context): unknown {
  const { documentId, pointer } = resolveRef(ref, baseId);
  const key = `${documentId}#${pointer}`;
  if (context.resolving.includes(key)) {
    throw new Error(`Recursive $ref ${key} cannot be inlined into a MongoDB validator`);
  }
  const document = context.schemas.get(documentId);
  if (document === undefined) {
    const known = documentId.startsWith(SCHEMA_BASE) ? documentId.slice(SCHEMA_BASE.length) : documentId;
    throw new Error(`$ref "${ref}" points to ${known}, which is not in schemas/`);
  }
  const target = readPointer(document, pointer);
  if (target === undefined) throw new Error(`$ref "${ref}" points to nothing in ${documentId}`);
  context.resolving.push(key);
  try {
    return convert(target, documentId, context);
  } finally {
    context.resolving.pop();
  }
}
