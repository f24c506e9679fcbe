import { BSON, ObjectId } from '../db/driver.js';
import { JsonBytes, publicRecordWriter, type PublicRecordWriter } from '../presenters/public-json.js';
import { projectionOf, publicProjection, schemaResolver, type SchemaResolver } from '../presenters/public-projection.js';
import { readSchemaFiles } from '../schemas/files.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import { INTERNAL_FIELDS, type RecordKind, type StoredRecord } from './kind.js';
import type { StoredRevision } from './repository.js';

let resolver: SchemaResolver | undefined;
const resolverOfFiles = () => (resolver ??= schemaResolver(readSchemaFiles().values()));

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
  const projected = full ? shown : publicProjection(schemas.schema(kind.kind, 'full'), shown, resolverOfFiles());
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

/**
 * The public's JSON array of stored records given as BSON, between `head` and `tail` (ASCII), each record as
 * `presentRecord` would present it to someone who may not read it whole: straight from the bytes where the record
 * holds only plain values, through `presentRecord` where it does not (see `presenters/public-json.ts`). Undefined for
 * a kind with its own `present` step, whose records are presented the usual way.
 */
export function publicJsonArray(schemas: SchemaRegistry, kind: Presented): ((records: Buffer[], head: string, tail: string) => Buffer) | undefined {
  if (kind.present !== undefined) return undefined;
  let writer: PublicRecordWriter | undefined;
  return (records, head, tail) => {
    writer ??= publicRecordWriter(projectionOf(schemas.schema(kind.kind, 'full'), resolverOfFiles()), INTERNAL);
    let stored = 0;
    for (const record of records) stored += record.length;
    // The text comes out close to the stored size: names and values are copied, `_id` becomes `id`.
    const out = new JsonBytes(Math.ceil(stored * 1.25) + head.length + tail.length + 64);
    out.ascii(head);
    out.byte(0x5b);
    for (let i = 0; i < records.length; i++) {
      if (i > 0) out.byte(0x2c);
      if (!writer.write(records[i], out)) out.text(JSON.stringify(presentRecord(schemas, kind, BSON.deserialize(records[i]) as StoredRecord, false)));
    }
    out.byte(0x5d);
    out.ascii(tail);
    return out.done();
  };
}
