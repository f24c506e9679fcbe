import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { AppModule } from '../http/module.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import { chooseDatabase, type DatabaseChoice } from './chooser.js';
import { applyCollections } from './collections.js';
import { connectDatabase, type Database } from './database.js';

/** A start-up failure told in one line an operator can act on; never carries credentials from MONGODB_URI. */
export class DatabaseStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseStartError';
  }
}

export interface StartedDatabase {
  db: Database;
  choice: DatabaseChoice;
  /** Closes the connection, then stops any server this process started. */
  close(): Promise<void>;
}

/** Chooses, connects, and makes every module's collections enforce their schemas and indexes. */
export async function startDatabase(
  config: Pick<Config, 'mongodbUri' | 'dataDir' | 'mongodDownloadTimeoutMs' | 'mongodbServerSelectionTimeoutMs'>,
  modules: AppModule[],
  schemas: SchemaRegistry,
  logger: Logger,
  /** `collections: false` skips applying schemas and indexes, for an instance whose primary has applied them. */
  options: { isolated?: boolean; collections?: boolean } = {},
): Promise<StartedDatabase> {
  let choice: DatabaseChoice;
  try {
    choice = await chooseDatabase({
      mongodbUri: config.mongodbUri,
      dataDir: config.dataDir,
      downloadTimeoutMs: config.mongodDownloadTimeoutMs,
      isolated: options.isolated,
    });
  } catch (error) {
    throw new DatabaseStartError(`could not start a database (${oneLine(error)})`, { cause: error });
  }
  logger.info({ database: choice.source, name: choice.name }, `database: ${choice.source} (${choice.reason})`);
  let db: Database;
  try {
    db = await connectDatabase(choice.uri, choice.name, { serverSelectionTimeoutMs: config.mongodbServerSelectionTimeoutMs });
  } catch (error) {
    await choice.stop();
    const where = choice.source === 'configured' ? `MONGODB_URI (${hostsOf(choice.uri)})` : `the ${choice.source} server it started`;
    throw new DatabaseStartError(`cannot reach ${where}: ${oneLine(error)}`, { cause: error });
  }
  if (!db.transactional) {
    logger.warn(`database: ${choice.source} has no multi-document transactions; related writes are not atomic`);
  }
  if (options.collections !== false) await applyCollections(db, modules.flatMap((module) => module.collections), schemas, logger);
  return {
    db,
    choice,
    async close() {
      await db.close();
      await choice.stop();
    },
  };
}

/** Scheme and hosts only: user, password and options (some carry secrets) stay out of logs. */
export function hostsOf(uri: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/]*@)?([^/?]*)/.exec(uri);
  return match ? `${match[1]}${match[2]}` : 'not a MongoDB URI';
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Driver messages can quote the URI they were given; strip any user information from it.
  return (message.split('\n')[0] ?? '').replace(/(\/\/)[^@/\s]*@/g, '$1').trim() || 'no reason given';
}
