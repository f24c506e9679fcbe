import { readFileSync } from 'node:fs';

/**
 * The node flags `npm run db` gives the standalone engine (its young generation, no memory reducer, `gc` exposed),
 * read from package.json so that whatever else starts the engine as its own process (the registers bench, the tests)
 * runs it exactly as `npm run db` does.
 */
export function dbNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const script = manifest.scripts.db.split(' ');
  if (script[0] !== 'node' || !script.includes('--import')) throw new Error(`npm run db is not "node <flags> --import tsx …": ${script.join(' ')}`);
  return script.slice(1, script.indexOf('--import'));
}
