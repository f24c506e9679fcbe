import { isPlainObject, resolveRef, type JsonSchema } from './files.js';

/** The file whose definitions are shared by all and so get unprefixed type names. */
const SHARED_FILE = 'common';

export function pascal(name: string): string {
  return name.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/**
 * One schema with every file's definitions side by side, refs rewritten to point among them, ready for
 * json-schema-to-typescript. Per document kind: `<Kind>` (as stored and shown; input-only `writeOnly` fields left
 * out) and `<Kind>Input` (what a client sends to create one: server-owned `readOnly` fields left out).
 */
export function combineForTypes(files: Map<string, JsonSchema>): JsonSchema {
  const names = new Map<string, string>();
  const defName = (kind: string, def: string) => (kind === SHARED_FILE ? pascal(def) : `${pascal(kind)}${pascal(def)}`);
  for (const [kind, schema] of files) {
    names.set(`${String(schema.$id)}#`, pascal(kind));
    for (const def of Object.keys(isPlainObject(schema.$defs) ? schema.$defs : {})) {
      names.set(`${String(schema.$id)}#/$defs/${def}`, defName(kind, def));
    }
  }
  const refName = (ref: string, baseId: string) => {
    const { documentId, pointer } = resolveRef(ref, baseId);
    const name = names.get(`${documentId}#${pointer}`);
    if (name === undefined) throw new Error(`Cannot name the type for $ref "${ref}" in ${baseId}`);
    return name;
  };

  const definitions: JsonSchema = {};
  const documents: Record<string, { $ref: string }> = {};
  for (const [kind, schema] of files) {
    const baseId = String(schema.$id);
    for (const [def, defSchema] of Object.entries(isPlainObject(schema.$defs) ? schema.$defs : {})) {
      definitions[defName(kind, def)] = named(prepare(defSchema, baseId, refName, 'none'), defName(kind, def));
    }
    if (schema.type === 'object' && isPlainObject(schema.properties)) {
      const { $defs: _defs, $id: _id, $schema: _schema, ...root } = schema;
      definitions[pascal(kind)] = named(prepare(root, baseId, refName, 'writeOnly'), pascal(kind));
      definitions[`${pascal(kind)}Input`] = named(prepare(root, baseId, refName, 'readOnly'), `${pascal(kind)}Input`);
      documents[kind] = { $ref: `#/$defs/${pascal(kind)}` };
    }
  }
  return {
    title: 'DocumentKinds',
    description: 'Each document kind in schemas/ by its name, e.g. DocumentKinds["meeting"] is Meeting.',
    type: 'object',
    additionalProperties: false,
    required: Object.keys(documents),
    properties: documents,
    $defs: definitions,
  };
}

function named(schema: unknown, title: string): unknown {
  return isPlainObject(schema) ? { ...schema, title } : schema;
}

const RULE_ONLY = new Set(['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not', 'dependentRequired']);

type Omitted = 'readOnly' | 'writeOnly' | 'none';

function prepare(node: unknown, baseId: string, refName: (ref: string, base: string) => string, omit: Omitted): unknown {
  if (Array.isArray(node)) return node.map((item) => prepare(item, baseId, refName, omit));
  if (!isPlainObject(node)) return node;
  // A $ref with siblings makes json-schema-to-typescript clone the target into a new numbered type; the target's
  // own name and description say enough.
  if (typeof node.$ref === 'string') return { $ref: `#/$defs/${refName(node.$ref, baseId)}` };
  const out: JsonSchema = {};
  const left = new Set<string>();
  // An object that lists its properties is fully typed by them; combinators beside them only add rules
  // (one of two fields required, role-dependent fields), which TypeScript would turn into index signatures.
  const describedByProperties = node.type === 'object' && isPlainObject(node.properties);
  for (const [key, value] of Object.entries(node)) {
    if (describedByProperties && RULE_ONLY.has(key)) continue;
    // Titles would make json-schema-to-typescript invent a named type per titled field; only definitions get names.
    if (key === 'title' || key.startsWith('x-') || key === 'examples') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = `#/$defs/${refName(value, baseId)}`;
    } else if (key === 'properties' && isPlainObject(value)) {
      const properties: JsonSchema = {};
      for (const [name, property] of Object.entries(value)) {
        if (omit !== 'none' && isPlainObject(property) && property[omit] === true) left.add(name);
        else properties[name] = prepare(property, baseId, refName, omit);
      }
      out.properties = properties;
    } else if (key === 'const' || key === 'enum' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = prepare(value, baseId, refName, omit);
    }
  }
  if (Array.isArray(out.required)) out.required = (out.required as string[]).filter((name) => !left.has(name));
  return out;
}
