import type { Document } from 'bson';

/** Checks one value; returns the rules it fails as `errInfo.details` entries (empty when it satisfies them all). */
export type Check = (value: unknown) => Document[];

export interface CompiledSchema {
  check: Check;
  title?: string;
  description?: string;
}

/** Compiles a nested schema (a property's, an item's, a logical branch's). */
export type SubCompiler = (schema: Document) => CompiledSchema;

/** `title` and `description` of a nested schema, as mongod copies them next to its failures. */
export function annotations(schema: CompiledSchema): Document {
  const out: Document = {};
  if (schema.title !== undefined) out.title = schema.title;
  if (schema.description !== undefined) out.description = schema.description;
  return out;
}

export function present(doc: Record<string, unknown>, name: string): boolean {
  return Object.hasOwn(doc, name) && doc[name] !== undefined;
}
