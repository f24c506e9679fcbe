import { parseArgs } from 'node:util';
import { accountsService } from './accounts/service.js';
import { createAudit } from './audit/audit.js';
import { ConfigError, loadConfig } from './config.js';
import { startDatabase } from './db/start.js';
import { HttpError } from './http/errors.js';
import { createLogger } from './http/logger.js';
import { ROLES, type Role } from './http/types.js';
import { modules } from './modules.js';
import { schemaRegistry } from './schemas/registry.js';

const USAGE = `Usage: npm run cli -- user add --email EMAIL --role ${ROLES.join('|')} [--institution CODE]... [--official CODE]
The password is read from standard input (first line), never from an argument:
  printf '%s\\n' "$PASSWORD" | npm run cli -- user add --email admin@example.org --role admin`;

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function addUser(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      institution: { type: 'string', multiple: true },
      official: { type: 'string' },
    },
    strict: true,
  });
  if (values.email === undefined || !ROLES.includes(values.role as Role)) {
    console.error(USAGE);
    return 2;
  }
  const input = {
    email: values.email,
    role: values.role as Role,
    institutions: values.institution ?? [],
    ...(values.official !== undefined ? { official: values.official } : {}),
    password: await readPassword(),
  };
  const schemas = schemaRegistry();
  const issues = schemas.check('user', 'create', input);
  if (issues.length > 0) {
    for (const issue of issues) console.error(`${issue.pointer.replace(/^\//, '') || 'input'}: ${issue.message}`);
    return 1;
  }
  const config = loadConfig();
  const logger = createLogger({ logLevel: process.env.LOG_LEVEL ?? 'warn' });
  const database = await startDatabase(config, modules, schemas, logger);
  try {
    const user = await accountsService(database.db, createAudit(database.db)).create(input, { actor: { kind: 'cli' } });
    console.log(`created ${user.role} ${user.email} (${user._id.toHexString()})`);
    return 0;
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
  if (noun === 'user' && verb === 'add') return addUser(rest);
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) error.problems.forEach((problem) => console.error(`configuration: ${problem}`));
  else if (error instanceof HttpError) console.error(`${error.title}: ${error.detail}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
