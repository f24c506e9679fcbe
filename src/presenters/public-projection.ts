import { isPlainObject, readPointer, type JsonSchema } from '../schemas/files.js';

/**
 * The public's view of a record, derived from its schema: every property marked `"x-private": true` is left
 * out, wherever it sits (nested objects, array items, `$ref` targets, allOf/anyOf/oneOf and if/then/else
 * branches). A property private in any branch is private: the projection never guesses which branch applies.
 * Fields the schema does not describe are dropped too, so a stray field never reaches the public by default.
 */

/** Finds the schema at an absolute URI such as "https://registry.local/schemas/common.json#/$defs/money". */
export type SchemaResolver = (uri: string) => JsonSchema | undefined;

/**
 * What the public still sees of a withdrawn record: enough to know which entry it was and why it was withdrawn
 * (with `withdrawal` itself projected, so who withdrew it stays internal), nothing of its content.
 */
export const WITHDRAWN_PUBLIC_FIELDS: readonly string[] = [
  'id', 'code', 'official', 'institution', 'status', 'withdrawal', 'registeredAt',
];

export function publicProjection<T>(schema: JsonSchema, doc: T, resolveRef: SchemaResolver): Partial<T> {
  const projected = project(doc, [located(schema, baseOf(schema, ''))], resolveRef);
  if (!isPlainObject(projected) || projected.status !== 'withdrawn') return projected as Partial<T>;
  const kept: Record<string, unknown> = {};
  for (const field of WITHDRAWN_PUBLIC_FIELDS) {
    if (field in projected) kept[field] = projected[field];
  }
  return kept as Partial<T>;
}

/** A resolver over the given schema documents, keyed by their `$id`, following JSON Pointer fragments. */
export function schemaResolver(schemas: Iterable<JsonSchema>): SchemaResolver {
  const byId = new Map<string, JsonSchema>();
  for (const schema of schemas) byId.set(String(schema.$id), schema);
  return (uri) => {
    const url = new URL(uri);
    const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
    url.hash = '';
    const target = readPointer(byId.get(url.href), pointer);
    return isPlainObject(target) ? target : undefined;
  };
}

interface Located {
  schema: JsonSchema;
  /** The URI relative refs inside `schema` resolve against. */
  base: string;
}

function located(schema: JsonSchema, base: string): Located {
  return { schema, base };
}

function baseOf(schema: JsonSchema, inherited: string): string {
  return typeof schema.$id === 'string' ? new URL(schema.$id, inherited || undefined).href : inherited;
}

/** The schema itself plus every subschema that applies to the same value. */
function applicable(start: Located[], resolveRef: SchemaResolver): Located[] {
  const found: Located[] = [];
  const seen = new Set<JsonSchema>();
  const visit = ({ schema, base }: Located) => {
    if (seen.has(schema)) return;
    seen.add(schema);
    found.push({ schema, base });
    if (typeof schema.$ref === 'string') {
      const uri = new URL(schema.$ref, base).href;
      const target = resolveRef(uri);
      if (target === undefined) throw new Error(`Cannot resolve schema reference ${uri}`);
      visit(located(target, baseOf(target, uri.split('#')[0])));
    }
    for (const list of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = schema[list];
      if (Array.isArray(branches)) for (const branch of branches) if (isPlainObject(branch)) visit(located(branch, baseOf(branch, base)));
    }
    for (const branchName of ['if', 'then', 'else'] as const) {
      const branch = schema[branchName];
      if (isPlainObject(branch)) visit(located(branch, baseOf(branch, base)));
    }
  };
  start.forEach(visit);
  return found;
}

function isPrivate(schemas: Located[]): boolean {
  return schemas.some(({ schema }) => schema['x-private'] === true);
}

function project(value: unknown, schemas: Located[], resolveRef: SchemaResolver): unknown {
  const all = applicable(schemas, resolveRef);
  if (Array.isArray(value)) {
    const items = all.filter(({ schema }) => isPlainObject(schema.items)).map(({ schema, base }) => located(schema.items as JsonSchema, base));
    return items.length === 0 ? value.slice() : value.map((item) => project(item, items, resolveRef));
  }
  if (!isPlainObject(value)) return value;

  const out: Record<string, unknown> = {};
  for (const [name, fieldValue] of Object.entries(value)) {
    const declared: Located[] = [];
    for (const { schema, base } of all) {
      const properties = schema.properties;
      if (isPlainObject(properties) && isPlainObject(properties[name])) declared.push(located(properties[name] as JsonSchema, base));
    }
    if (declared.length === 0) {
      const open = all.filter(({ schema }) => isPlainObject(schema.additionalProperties));
      const closed = all.some(({ schema }) => schema.additionalProperties === false);
      if (closed || open.length === 0) continue;
      declared.push(...open.map(({ schema, base }) => located(schema.additionalProperties as JsonSchema, base)));
    }
    const fieldSchemas = applicable(declared, resolveRef);
    if (isPrivate(fieldSchemas)) continue;
    out[name] = project(fieldValue, fieldSchemas, resolveRef);
  }
  return out;
}
