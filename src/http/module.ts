import type { RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Audit } from '../audit/audit.js';
import type { CollectionSpec } from '../db/collections.js';
import type { Database } from '../db/database.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import type { TokenSettings } from './auth.js';

/** What every module's router receives. */
export interface ModuleDeps {
  config: Config & { jwt: { secret: string } };
  db: Database;
  schemas: SchemaRegistry;
  logger: Logger;
  audit: Audit;
  tokens: TokenSettings;
  /** Already run for every /api request; use it again only on routers mounted elsewhere. */
  authenticate: RequestHandler;
}

/** A domain module: its collections (validated and indexed at start) and its routes. */
export interface AppModule {
  name: string;
  /** Where the router is mounted, e.g. "/api/v1". */
  mountPath: string;
  collections: CollectionSpec[];
  router(deps: ModuleDeps): Router;
}
