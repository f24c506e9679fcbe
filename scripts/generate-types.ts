// Writes src/types/schemas.ts from schemas/*.json; with --check, fails instead when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { readSchemaFiles } from '../src/schemas/files.js';
import { combineForTypes } from '../src/schemas/typescript.js';

const target = fileURLToPath(new URL('../src/types/schemas.ts', import.meta.url));
const banner = `/* eslint-disable */
/**
 * Generated from schemas/*.json by scripts/generate-types.ts (npm run types:generate). Do not edit:
 * change the schema and regenerate. <Kind> is a document as the API shows it; <Kind>Input is a create body.
 */`;

const source = await compile(combineForTypes(readSchemaFiles()) as never, 'DocumentKinds', {
  bannerComment: banner,
  unreachableDefinitions: true,
  additionalProperties: false,
  strictIndexSignatures: true,
  declareExternallyReferenced: true,
  format: true,
  $refOptions: { resolve: { external: false } } as never,
});

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== source) {
    console.error('src/types/schemas.ts is stale: run `npm run types:generate` and commit the result.');
    process.exit(1);
  }
  console.log('src/types/schemas.ts matches schemas/.');
} else {
  writeFileSync(target, source);
  console.log('wrote src/types/schemas.ts');
}
