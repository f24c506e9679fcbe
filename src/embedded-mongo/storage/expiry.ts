import type { Document } from 'bson';
import { runQuery } from '../query/executor.js';
import type { Catalog } from './catalog.js';
import { ID_INDEX_NAME, type Collection } from './collection.js';
import type { IndexSpec } from './index-store.js';

/** A document a TTL index says has expired, and where it is stored. */
export interface Expired {
  collection: Collection;
  doc: Document;
}

/**
 * The field whose dates expire documents, for a TTL index: a number of seconds on a single-field index other than
 * `_id`'s. mongod refuses the option anywhere else when the index is created, and ignores it on anything else found.
 */
function expiringField(spec: IndexSpec): string | undefined {
  const seconds = spec.expireAfterSeconds;
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || spec.name === ID_INDEX_NAME) return undefined;
  const fields = Object.keys(spec.key);
  return fields.length === 1 ? fields[0] : undefined;
}

/**
 * Documents whose TTL index holds a date at least `expireAfterSeconds` before `now`, in index order, at most `limit`.
 * A range on dates matches only dates, and an array matches when its earliest date has passed: what mongod's TTL
 * monitor deletes. A partial index's filter is kept, since its documents alone are in the index; a hidden index
 * expires documents like any other.
 */
export function expiredDocuments(catalog: Catalog, now: Date, limit: number, keep: (found: Expired) => boolean): Expired[] {
  const found: Expired[] = [];
  for (const collections of catalog.databases.values()) {
    for (const collection of collections.values()) {
      for (const index of collection.indexes.values()) {
        const field = expiringField(index.spec);
        if (field === undefined) continue;
        const cutoff = new Date(now.getTime() - Number(index.spec.expireAfterSeconds) * 1000);
        const range = { [field]: { $lte: cutoff } };
        const partial = index.spec.partialFilterExpression;
        const filter = partial === undefined ? range : { $and: [partial, range] };
        for (const doc of runQuery(collection, { filter, hint: index.name, hiddenHint: true }).docs) {
          const candidate = { collection, doc };
          if (!keep(candidate)) continue;
          found.push(candidate);
          if (found.length >= limit) return found;
        }
      }
    }
  }
  return found;
}
