import type { Database } from '../db/database.js';
import { ObjectId, type ClientSession, type Document, type Filter } from '../db/driver.js';
import { INTERNAL_FIELDS, type RecordId, type RecordKind, type StoredRecord } from './kind.js';

export const REVISIONS = 'revisions';
export const IDEMPOTENCY_KEYS = 'idempotencyKeys';

export interface StoredRevision {
  _id: ObjectId;
  kind: string;
  record: string;
  revision: number;
  action: string;
  at: string;
  by: { kind: 'user' | 'system' | 'cli'; id?: string; role?: string };
  reason?: string;
  changes: string[];
  snapshot: Record<string, unknown>;
}

export interface StoredIdempotencyKey {
  _id: string;
  requestHash: string;
  status: number;
  location?: string;
  body: Record<string, unknown>;
  createdAt: string;
}

export const recordIdString = (id: RecordId): string => (id instanceof ObjectId ? id.toHexString() : id);

/** Lists leave out the fields used only for finding records: never shown, they are most of an entry's bytes. */
export const LIST_PROJECTION = Object.fromEntries(INTERNAL_FIELDS.map((field) => [field, 0])) as Record<(typeof INTERNAL_FIELDS)[number], 0>;

/** Newest first, `_id` breaking ties: the order every list index ends in, so a page is one index range read in order. */
export const listOrder = (kind: Pick<RecordKind, 'sortField'>) => ({ [kind.sortField]: -1, _id: -1 }) as const;

/** Only this file touches record, revision and idempotency collections. */
export function recordsRepository(db: Database, kind: RecordKind) {
  const records = db.collection<StoredRecord>(kind.collection);
  const revisions = db.collection<StoredRevision>(REVISIONS);
  const keys = db.collection<StoredIdempotencyKey>(IDEMPOTENCY_KEYS);
  const sort = listOrder(kind);
  return {
    findById: (id: RecordId, session?: ClientSession) => records.findOne({ _id: id }, { session }),
    /** One page: at most `limit` records in list order, as one command (see `Database.findPage`). */
    find: (filter: Filter<StoredRecord>, limit: number) => db.findPage<StoredRecord>(kind.collection, { filter: filter as Filter<Document>, sort, projection: LIST_PROJECTION, limit }),
    /** The same page with each record left as stored BSON, for answers written straight from it. */
    findBytes: (filter: Filter<StoredRecord>, limit: number) => db.findPageBytes(kind.collection, { filter: filter as Filter<Document>, sort, projection: LIST_PROJECTION, limit }),
    /** A driver cursor over every match, read in batches: the caller streams it. */
    stream: (filter: Filter<StoredRecord>) => records.find(filter, { projection: LIST_PROJECTION }).sort(sort).batchSize(500),
    insert: (record: StoredRecord, session: ClientSession) => records.insertOne(record, { session }),
    /** Replaces the record only if it is still at `revision`; false when someone else changed it first. */
    async replaceAt(record: StoredRecord, revision: number, session: ClientSession): Promise<boolean> {
      const result = await records.replaceOne({ _id: record._id, revision }, record, { session });
      return result.matchedCount === 1;
    },
    insertRevision: (revision: StoredRevision, session: ClientSession) => revisions.insertOne(revision, { session }),
    revisionsOf: (id: RecordId) => revisions.find({ kind: kind.kind, record: recordIdString(id) }).sort({ revision: 1 }).toArray(),
    findKey: (id: string) => keys.findOne({ _id: id }),
    insertKey: (key: StoredIdempotencyKey, session: ClientSession) => keys.insertOne(key, { session }),
    other: (collection: string) => db.collection<StoredRecord>(collection),
  };
}

export type RecordsRepository = ReturnType<typeof recordsRepository>;

