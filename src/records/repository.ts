import type { Database } from '../db/database.js';
import { ObjectId, type ClientSession, type Filter } from '../db/driver.js';
import type { RecordId, RecordKind, StoredRecord } from './kind.js';

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

/** Only this file touches record, revision and idempotency collections. */
export function recordsRepository(db: Database, kind: RecordKind) {
  const records = db.collection<StoredRecord>(kind.collection);
  const revisions = db.collection<StoredRevision>(REVISIONS);
  const keys = db.collection<StoredIdempotencyKey>(IDEMPOTENCY_KEYS);
  const sort = { [kind.sortField]: -1, _id: -1 } as const;
  return {
    findById: (id: RecordId, session?: ClientSession) => records.findOne({ _id: id }, { session }),
    find: (filter: Filter<StoredRecord>, limit: number) => records.find(filter).sort(sort).limit(limit).toArray(),
    /** A driver cursor over every match, read in batches: the caller streams it. */
    stream: (filter: Filter<StoredRecord>) => records.find(filter).sort(sort).batchSize(500),
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

