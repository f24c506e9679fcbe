import { isDeepStrictEqual } from 'node:util';
import type { IndexDescription } from './driver.js';
import type { Logger } from 'pino';
import type { SchemaRegistry } from '../schemas/registry.js';
import type { Database } from './database.js';

export interface CollectionSpec {
  /** The MongoDB collection name, e.g. "meetings". */
  name: string;
  /** The document kind whose `schemas/<kind>.json` every stored document must match, e.g. "meeting". */
  schema: string;
  indexes?: IndexDescription[];
}

/**
 * Makes each collection enforce its schema: created with the derived `$jsonSchema` validator, or updated with
 * collMod when the schema has changed since the last start. Indexes are created if missing (idempotent).
 */
export async function applyCollections(
  db: Database,
  specs: CollectionSpec[],
  schemas: SchemaRegistry,
  logger?: Logger,
): Promise<void> {
  const native = db.connection.db!;
  for (const spec of specs) {
    const validator = { $jsonSchema: schemas.mongoValidator(spec.schema) };
    const [existing] = await native.listCollections({ name: spec.name }).toArray();
    if (existing === undefined) {
      await native.createCollection(spec.name, { validator, validationLevel: 'strict', validationAction: 'error' });
      logger?.debug({ collection: spec.name }, 'collection created with its schema validator');
    } else {
      const current = (existing as { options?: { validator?: unknown } }).options?.validator;
      if (!isDeepStrictEqual(current, validator)) {
        await native.command({ collMod: spec.name, validator, validationLevel: 'strict', validationAction: 'error' });
        logger?.info({ collection: spec.name }, 'schema changed: collection validator updated');
      }
    }
    if (spec.indexes && spec.indexes.length > 0) await native.collection(spec.name).createIndexes(spec.indexes);
  }
}
