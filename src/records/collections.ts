import type { CollectionSpec } from '../db/collections.js';
import { IDEMPOTENCY_KEYS, REVISIONS } from './repository.js';

/** The collections the machinery itself writes; a module using it lists these with its own (listing twice is harmless). */
export const recordCollections: CollectionSpec[] = [
  { name: REVISIONS, schema: 'revision', indexes: [{ key: { kind: 1, record: 1, revision: 1 }, name: 'kind_record_revision', unique: true }] },
  { name: IDEMPOTENCY_KEYS, schema: 'idempotency-key', indexes: [{ key: { createdAt: 1 }, name: 'created_at' }] },
];
