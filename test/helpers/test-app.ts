import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import supertest from 'supertest';
import type { DestinationStream, Logger } from 'pino';
import { accountsService } from '../../src/accounts/service.js';
import { createApp } from '../../src/app.js';
import { createAudit } from '../../src/audit/audit.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { startDatabase } from '../../src/db/start.js';
import { signToken } from '../../src/http/auth.js';
import { createLogger } from '../../src/http/logger.js';
import type { AppModule } from '../../src/http/module.js';
import type { AuthUser, Role } from '../../src/http/types.js';
import { modules as defaultModules } from '../../src/modules.js';
import { schemaRegistry } from '../../src/schemas/registry.js';

export interface UserOptions {
  email?: string;
  institutions?: string[];
  official?: string;
  password?: string;
}

export interface TestApp {
  app: Express;
  /** A supertest client for the app: `await t.request.get('/healthz')`. */
  request: ReturnType<typeof supertest>;
  db: Database;
  config: Config & { jwt: { secret: string } };
  logger: Logger;
  /** Creates an active account with this role and returns its bearer token. */
  tokenFor(role: Role, options?: UserOptions): Promise<string>;
  /** Creates an active account and returns it with its token and password. */
  userFor(role: Role, options?: UserOptions): Promise<{ user: AuthUser; token: string; password: string }>;
  /** Drops this run's database and closes the connection. */
  close(): Promise<void>;
}

let sequence = 0;

/**
 * The real app on a fresh database of its own (the same chooser as `npm start`, isolated per call).
 * `env` adds configuration as the environment would, e.g. `{ AUTH_RATE_LIMIT_MAX: '3' }`; `logTo` receives the log
 * lines (with `env: { LOG_LEVEL: 'info' }`) instead of standard output.
 */
export async function testApp(options: { env?: Record<string, string>; modules?: AppModule[]; logTo?: DestinationStream } = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MONGODB_URI: process.env.TEST_MONGODB_URI,
    ...options.env,
  }) as Config & { jwt: { secret: string } };
  const logger = createLogger(config, options.logTo);
  const schemas = schemaRegistry();
  const modules = options.modules ?? defaultModules;
  const database = await startDatabase(config, modules, schemas, logger, { isolated: true });
  const app = createApp({ config, db: database.db, logger, schemas, modules });
  const accounts = accountsService(database.db, createAudit(database.db));

  const userFor: TestApp['userFor'] = async (role, userOptions = {}) => {
    sequence += 1;
    const password = userOptions.password ?? `password-${randomBytes(8).toString('hex')}`;
    const stored = await accounts.create(
      {
        email: userOptions.email ?? `${role}-${sequence}@example.test`,
        role,
        institutions: userOptions.institutions ?? (role === 'registrar' ? ['ab001'] : []),
        ...(role === 'official' || userOptions.official ? { official: userOptions.official ?? 'AB001443' } : {}),
        password,
      },
      { actor: { kind: 'system' } },
    );
    const user = (await accounts.loadActiveUser(stored._id.toHexString()))!;
    return { user, password, token: signToken({ ...config.jwt, secret: config.jwt.secret }, user.id).token };
  };

  return {
    app,
    request: supertest(app),
    db: database.db,
    config,
    logger,
    userFor,
    tokenFor: async (role, userOptions) => (await userFor(role, userOptions)).token,
    async close() {
      await database.db.connection.db!.dropDatabase().catch(() => undefined);
      await database.close();
    },
  };
}
