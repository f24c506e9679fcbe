import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type JsonSchema = Record<string, unknown>;

export const SCHEMA_BASE = 'https://registry.local/schemas/';
export const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** Every `schemas/<kind>.json`, keyed by kind; the file name and its `$id` must agree so refs resolve one way. */
export function readSchemaFiles(dir = SCHEMA_DIR): Map<string, JsonSchema> {
  const schemas = new Map<string, JsonSchema>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const kind = path.basename(file, '.json');
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JsonSchema;
    const expectedId = `${SCHEMA_BASE}${file}`;
    if (schema.$id !== expectedId) {
      throw new Error(`schemas/${file}: "$id" must be "${expectedId}" (found ${JSON.stringify(schema.$id)})`);
    }
    schemas.set(kind, schema);
  }
  return schemas;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits a `$ref` against the `$id` of the schema it appears in into a document URL and a JSON Pointer. */
export function resolveRef(ref: string, baseId: string): { documentId: string; pointer: string } {
  const url = new URL(ref, baseId);
  const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
  url.hash = '';
  return { documentId: url.href, pointer };
}

export function readPointer(document: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return document;
  let current: unknown = document;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isPlainObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
