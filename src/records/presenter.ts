import { ObjectId } from '../db/driver.js';
import { publicProjection, schemaResolver, type SchemaResolver } from '../presenters/public-projection.js';
import { readSchemaFiles } from '../schemas/files.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import { INTERNAL_FIELDS, type RecordKind, type StoredRecord } from './kind.js';
import type { StoredRevision } from './repository.js';

let resolver: SchemaResolver | undefined;

const INTERNAL: ReadonlySet<string> = new Set(INTERNAL_FIELDS);

type Presented = Pick<RecordKind, 'kind' | 'present'>;

/**
 * What a record looks like on the wire: `id` for `_id`, search fields dropped, only the public projection unless
 * `full`, then the kind's own step. Every answer of every kind (reads, lists, CSV, snapshots) goes through here.
 */
export function presentRecord(schemas: SchemaRegistry, kind: Presented, record: StoredRecord, full: boolean): Record<string, unknown> {
  // One copy that renames `_id` and skips internal fields as it goes: lists present every record of a page, and
  // deleting keys afterwards would also turn the copy into a slow dictionary-mode object.
  const id = record._id;
  const shown: Record<string, unknown> = { id: id instanceof ObjectId ? id.toHexString() : id };
  for (const field in record) {
    if (field !== '_id' && !INTERNAL.has(field)) shown[field] = record[field];
  }
  const projected = full ? shown : publicProjection(schemas.schema(kind.kind, 'full'), shown, (resolver ??= schemaResolver(readSchemaFiles().values())));
  return kind.present === undefined ? projected : kind.present(projected, full);
}

/**
 * One version in a record's history. Those who may read the whole record get the snapshot; the public gets
 * when, why, which fields and the author's role, never the author or the old contents.
 */
export function presentRevision(schemas: SchemaRegistry, kind: Presented, revision: StoredRevision, full: boolean): Record<string, unknown> {
  const base = {
    revision: revision.revision,
    action: revision.action,
    at: revision.at,
    by: full ? revision.by : { kind: revision.by.kind, ...(revision.by.role ? { role: revision.by.role } : {}) },
    ...(revision.reason !== undefined ? { reason: revision.reason } : {}),
    changes: revision.changes,
  };
  if (!full) return base;
  return { ...base, snapshot: presentRecord(schemas, kind, revision.snapshot as StoredRecord, true) };
}
