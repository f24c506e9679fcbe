import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { schemaResolver } from '../../src/presenters/public-projection.js';

// ajv-formats ships CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export type Schema = Record<string, unknown>;

const DIR = new URL('../../schemas/', import.meta.url);

/** Every schemas/*.json this module describes the domain with (the account and audit schemas belong elsewhere). */
export const DOMAIN_KINDS = [
  'common', 'institution', 'official', 'person', 'organization', 'meeting', 'trip', 'gift', 'attestation',
  'audience-request', 'declaration',
];

export function loadSchemas(): Map<string, Schema> {
  const schemas = new Map<string, Schema>();
  for (const file of readdirSync(DIR).filter((name) => name.endsWith('.json')).sort()) {
    schemas.set(file.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Schema);
  }
  return schemas;
}

/** Ajv in full strict mode, with `x-private` known as an annotation. */
export function strictAjv(schemas: Map<string, Schema>): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('x-private');
  for (const schema of schemas.values()) ajv.addSchema(schema);
  return ajv;
}

export const idOf = (kind: string) => `https://registry.local/schemas/${kind}.json`;

export function resolverFor(schemas: Map<string, Schema>) {
  return schemaResolver(schemas.values());
}
