import { isPlainObject, resolveRef, SCHEMA_BASE, type JsonSchema } from './files.js';

/**
 * create: what a client may send to make a document (server-owned `readOnly` fields are refused);
 * patch: a partial create (top-level fields are each optional; a nested value is replaced whole, so it stays complete);
 * full: the document as the API shows it.
 */
export type Variant = 'create' | 'patch' | 'full';

export const READ_ONLY_MESSAGE = 'is set by the server';

export function variantId(kind: string, variant: Variant): string {
  return variant === 'full' ? `${SCHEMA_BASE}${kind}.json` : `${SCHEMA_BASE}${variant}/${kind}.json`;
}

/**
 * Rewrites one schema file into a variant. Cross-file refs are pointed at the same variant of the other file
 * (patch refers to create, because only the patched document's own top level becomes optional).
 */
export function deriveVariant(kind: string, schema: JsonSchema, variant: Variant): JsonSchema {
  if (variant === 'full') return schema;
  const originalId = String(schema.$id);
  const refVariant: Variant = 'create';
  const rewritten = rewrite(schema, originalId, refVariant) as JsonSchema;
  rewritten.$id = variantId(kind, variant);
  if (variant === 'patch') {
    delete rewritten.required;
    rewritten.minProperties = Math.max(1, Number(rewritten.minProperties ?? 1));
  }
  return rewritten;
}

function rewrite(node: unknown, baseId: string, refVariant: Variant): unknown {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, baseId, refVariant));
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  const readOnly = new Set<string>();
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
      out.$ref = toVariantRef(value, baseId, refVariant);
    } else if ((key === 'properties' || key === 'patternProperties') && isPlainObject(value)) {
      const properties: Record<string, unknown> = {};
      for (const [name, propertySchema] of Object.entries(value)) {
        if (isPlainObject(propertySchema) && propertySchema.readOnly === true) {
          // Kept as a false schema rather than removed, so the error names the field and says why.
          properties[name] = false;
          readOnly.add(name);
        } else {
          properties[name] = rewrite(propertySchema, baseId, refVariant);
        }
      }
      out[key] = properties;
    } else if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') {
      out[key] = value;
    } else {
      out[key] = rewrite(value, baseId, refVariant);
    }
  }
  if (Array.isArray(out.required) && readOnly.size > 0) {
    out.required = (out.required as string[]).filter((name) => !readOnly.has(name));
  }
  return out;
}

function toVariantRef(ref: string, baseId: string, variant: Variant): string {
  const { documentId, pointer } = resolveRef(ref, baseId);
  if (!documentId.startsWith(SCHEMA_BASE)) return ref;
  const file = documentId.slice(SCHEMA_BASE.length);
  if (file.includes('/')) return ref;
  return `${SCHEMA_BASE}${variant}/${file}${pointer === '' ? '' : `#${pointer}`}`;
}
