import { ObjectId, type WithId } from './driver.js';

/**
 * A document as kept in MongoDB: the API's `id` lives in `_id` as an ObjectId, everything else is as the schema
 * says. Use it to type collections: `db.collection<Stored<Meeting>>('meetings')`.
 */
export type Stored<T extends { id?: string }> = Omit<T, 'id'> & { _id: ObjectId };

/** The API's view of a stored document: `_id` back to the `id` string. */
export function fromStored<T extends { _id: ObjectId }>(document: T): Omit<T, '_id'> & { id: string } {
  const { _id, ...rest } = document;
  return { id: _id.toHexString(), ...rest };
}

/** Parses an id from a URL; undefined when it cannot be an ObjectId, so callers answer 404 rather than 500. */
export function parseId(value: string): ObjectId | undefined {
  return /^[0-9a-f]{24}$/.test(value) ? new ObjectId(value) : undefined;
}

export type { WithId };
