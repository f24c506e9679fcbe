import { ObjectId } from '../db/driver.js';
import type { Filter } from '../db/driver.js';
import { badRequest } from '../http/errors.js';
import type { RecordId, StoredRecord } from './kind.js';

/**
 * A page cursor: the sort value and id of the last record shown, as opaque base64url. Pages continue strictly
 * after that pair, so records added meanwhile never shift or repeat what the reader already saw.
 */
export function encodeCursor(record: StoredRecord, sortField: string): string {
  const id = record._id instanceof ObjectId ? { o: record._id.toHexString() } : { s: record._id };
  return Buffer.from(JSON.stringify([record[sortField] ?? null, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: unknown; id: RecordId } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, { o?: string; s?: string }];
    if (typeof value !== 'string' && value !== null) throw new Error('sort value');
    if (typeof id?.o === 'string' && /^[0-9a-f]{24}$/.test(id.o)) return { value, id: new ObjectId(id.o) };
    if (typeof id?.s === 'string' && id.s.length <= 64) return { value, id: id.s };
  } catch {
    // Falls through to the same answer as a well-formed but meaningless cursor.
  }
  throw badRequest('The cursor is not one this server gave.', [{ pointer: '/query/cursor', message: 'is not a valid cursor' }]);
}

/**
 * Records after the cursor in the order (sortField desc, _id desc). The plain `$lte` on the sort field repeats
 * what the `$or` implies so that planners, which take index bounds from plain predicates and not from inside
 * `$or`, read only the rest of the (sort field, _id) range instead of walking past every page already shown.
 */
export function afterCursor(cursor: string, sortField: string): Filter<StoredRecord> {
  const { value, id } = decodeCursor(cursor);
  return {
    [sortField]: { $lte: value },
    $or: [{ [sortField]: { $lt: value } }, { [sortField]: value, _id: { $lt: id } }],
  } as Filter<StoredRecord>;
}
