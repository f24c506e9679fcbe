import type { Collection } from 'mongodb';

/** The lookup benchmark's documents in `bench.small`: a number as `_id` and a unique e-mail address. */
export type Small = { _id: number; email: string; n: number; active: boolean };

/** The unique field of the i-th document. */
export const emailOf = (i: number) => `user${i}@example.org`;

/** The i-th lookup's findOne by `_id` or by the unique field, spread over the `documents` loaded. */
export function findSmall(coll: Collection<Small>, field: '_id' | 'email', i: number, documents: number) {
  const key = (i * 7919) % documents;
  return field === '_id' ? coll.findOne({ _id: key }) : coll.findOne({ email: emailOf(key) });
}
