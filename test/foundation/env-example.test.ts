import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every variable the service reads: `process.env.NAME` anywhere in src, and the names config.ts reads by helper. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)) names.add(match[1] ?? match[2]);
  }
  const config = readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');
  for (const match of config.matchAll(/\b(?:read|integer|boolean|oneOf)(?:<\w+>)?\('([A-Z][A-Z0-9_]*)'/g)) names.add(match[1]);
  names.delete('PATH');
  return names;
}

describe('.env.example', () => {
  it('when the service reads an environment variable, then .env.example lists it', () => {
    const listed = new Set([...readFileSync(path.join(ROOT, '.env.example'), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const read = variablesRead();
    expect(read.size).to.be.above(15);
    expect([...read].filter((name) => !listed.has(name))).to.deep.equal([]);
  });
});
