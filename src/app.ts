import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { accountsService } from './accounts/service.js';
import { createAudit } from './audit/audit.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { createAuthenticate, type TokenSettings } from './http/auth.js';
import { jsonBody } from './http/body.js';
import { docsRouter } from './http/docs.js';
import { notFound } from './http/errors.js';
import { healthRouter } from './http/health.js';
import type { AppModule, ModuleDeps } from './http/module.js';
import { problemHandler } from './http/problems.js';
import { requestLog } from './http/request-log.js';
import { refuseUnsafeQueryKeys } from './http/validate.js';
import { useHandlebarsViews, VIEWS_DIR } from './http/views.js';
import './http/types.js';
import { modules as defaultModules } from './modules.js';
import { schemaRegistry, type SchemaRegistry } from './schemas/registry.js';

export interface AppDeps {
  config: Config & { jwt: { secret: string } };
  db: Database;
  logger: Logger;
  schemas?: SchemaRegistry;
  modules?: AppModule[];
}

/** The whole HTTP application, without listening: server.ts listens, tests hand it to supertest. */
export function createApp(deps: AppDeps): Express {
  const { config, db, logger } = deps;
  const schemas = deps.schemas ?? schemaRegistry();
  const modules = deps.modules ?? defaultModules;
  const tokens: TokenSettings = { ...config.jwt, secret: config.jwt.secret };
  const audit = createAudit(db);
  const authenticate = createAuthenticate(tokens, accountsService(db, audit).loadActiveUser);
  const moduleDeps: ModuleDeps = { config, db, schemas, logger, audit, tokens, authenticate };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  useHandlebarsViews(app, config.nodeEnv === 'production');

  app.use(requestLog(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
    }),
  );
  app.use('/assets', express.static(path.join(VIEWS_DIR, 'assets'), { index: false, maxAge: config.nodeEnv === 'production' ? '1d' : 0 }));
  app.use(healthRouter(db));

  app.use('/api', refuseUnsafeQueryKeys, jsonBody(config.bodyLimit), authenticate);
  const mounted = modules.map((module) => ({ mountPath: module.mountPath, router: module.router(moduleDeps) }));
  app.use('/api', docsRouter(() => mounted, schemas));
  for (const { mountPath, router } of mounted) app.use(mountPath, router);

  app.use((_req, _res, next) => next(notFound('Nothing is here.')));
  app.use(problemHandler());
  return app;
}
