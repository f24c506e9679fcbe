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
  const projected = projectorFor(schema, resolveRef).apply(doc);
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

/** A field left out: private, or not described by a closed schema. */
const LEFT_OUT = null;

/**
 * The projection at one place in a schema, for walking a document another way than `publicProjection` does (the
 * public JSON written straight from stored bytes): what to do with a field of an object there, and with the items
 * of an array there. `null` from `field` leaves the field out; `null` from `items` copies the items as they are.
 */
export interface ProjectionNode {
  field(name: string): ProjectionNode | null;
  items(): ProjectionNode | null;
}

/**
 * The projection for one place in the schema, worked out once from the schemas that apply there and reused for
 * every document: lists are walked once per kind, not once per record. Children are compiled on first use, so a
 * recursive schema compiles only as deep as documents go.
 */
class Projector implements ProjectionNode {
  private readonly all: Located[];
  private itemsProjector: Projector | undefined | typeof LEFT_OUT;
  private readonly fields = new Map<string, Projector | typeof LEFT_OUT>();
  private undeclared: Projector | typeof LEFT_OUT | undefined;

  constructor(schemas: Located[], private readonly resolveRef: SchemaResolver) {
    this.all = applicable(schemas, resolveRef);
  }

  apply(value: unknown): unknown {
    if (Array.isArray(value)) {
      const items = this.items();
      if (items === LEFT_OUT) return value.slice();
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = items.apply(value[i]);
      return out;
    }
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const name in value) {
      if (!Object.hasOwn(value, name)) continue;
      const field = this.field(name);
      if (field !== LEFT_OUT) out[name] = field.apply(value[name]);
    }
    return out;
  }

  /** null when no schema describes the items: they are copied as they are. */
  items(): Projector | typeof LEFT_OUT {
    if (this.itemsProjector === undefined) {
      const items = this.all.filter(({ schema }) => isPlainObject(schema.items)).map(({ schema, base }) => located(schema.items as JsonSchema, base));
      this.itemsProjector = items.length === 0 ? LEFT_OUT : new Projector(items, this.resolveRef);
    }
    return this.itemsProjector;
  }

  field(name: string): Projector | typeof LEFT_OUT {
    const known = this.fields.get(name);
    if (known !== undefined) return known;
    const declared: Located[] = [];
    for (const { schema, base } of this.all) {
      const properties = schema.properties;
      if (isPlainObject(properties) && Object.hasOwn(properties, name) && isPlainObject(properties[name])) declared.push(located(properties[name] as JsonSchema, base));
    }
    // Names no schema declares all share one answer, so a document full of stray keys cannot grow the cache.
    if (declared.length === 0) return (this.undeclared ??= this.additional());
    const projector = this.compile(declared);
    this.fields.set(name, projector);
    return projector;
  }

  private additional(): Projector | typeof LEFT_OUT {
    const open = this.all.filter(({ schema }) => isPlainObject(schema.additionalProperties));
    const closed = this.all.some(({ schema }) => schema.additionalProperties === false);
    if (closed || open.length === 0) return LEFT_OUT;
    return this.compile(open.map(({ schema, base }) => located(schema.additionalProperties as JsonSchema, base)));
  }

  private compile(declared: Located[]): Projector | typeof LEFT_OUT {
    const projector = new Projector(declared, this.resolveRef);
    return isPrivate(projector.all) ? LEFT_OUT : projector;
  }
}

const projectors = new WeakMap<JsonSchema, WeakMap<SchemaResolver, Projector>>();

/** The root of a schema's projection, shared with `publicProjection`. */
export const projectionOf = (schema: JsonSchema, resolveRef: SchemaResolver): ProjectionNode => projectorFor(schema, resolveRef);

/** One projector per root schema and resolver, kept as long as the schema is. */
function projectorFor(schema: JsonSchema, resolveRef: SchemaResolver): Projector {
  let byResolver = projectors.get(schema);
  if (byResolver === undefined) projectors.set(schema, (byResolver = new WeakMap()));
  let projector = byResolver.get(resolveRef);
  if (projector === undefined) byResolver.set(resolveRef, (projector = new Projector([located(schema, baseOf(schema, ''))], resolveRef)));
  return projector;
}
