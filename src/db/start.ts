import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { AppModule } from '../http/module.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import { chooseDatabase, type DatabaseChoice } from './chooser.js';
import { applyCollections } from './collections.js';
import { connectDatabase, type Database } from './database.js';

export interface StartedDatabase {
  db: Database;
  choice: DatabaseChoice;
  /** Closes the connection, then stops any server this process started. */
  close(): Promise<void>;
}

/** Chooses, connects, and makes every module's collections enforce their schemas and indexes. */
export async function startDatabase(
  config: Pick<Config, 'mongodbUri' | 'dataDir' | 'mongodDownloadTimeoutMs'>,
  modules: AppModule[],
  schemas: SchemaRegistry,
  logger: Logger,
  options: { isolated?: boolean } = {},
): Promise<StartedDatabase> {
  const choice = await chooseDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: config.dataDir,
    downloadTimeoutMs: config.mongodDownloadTimeoutMs,
    isolated: options.isolated,
  });
  logger.info({ database: choice.source, name: choice.name }, `database: ${choice.source} (${choice.reason})`);
  let db: Database;
  try {
    db = await connectDatabase(choice.uri, choice.name);
  } catch (error) {
    await choice.stop();
    throw error;
  }
  if (!db.transactional) {
    logger.warn(`database: ${choice.source} has no multi-document transactions; related writes are not atomic`);
  }
  await applyCollections(db, modules.flatMap((module) => module.collections), schemas, logger);
  return {
    db,
    choice,
    async close() {
      await db.close();
      await choice.stop();
    },
  };
}
