import type { CollectionSpec } from '../db/collections.js';
import { IDEMPOTENCY_KEYS, REVISIONS } from './repository.js';

/** The collections the machinery itself writes; a module using it lists these with its own (listing twice is harmless). */
export const recordCollections: CollectionSpec[] = [
  { name: REVISIONS, schema: 'revision', indexes: [{ key: { kind: 1, record: 1, revision: 1 }, name: 'kind_record_revision', unique: true }] },
  // Keys expire on their own: a client retries within minutes, and kept forever the answers would pile up.
  { name: IDEMPOTENCY_KEYS, schema: 'idempotency-key', indexes: [{ key: { expiresAt: 1 }, name: 'expires_at', expireAfterSeconds: 0 }] },
];
