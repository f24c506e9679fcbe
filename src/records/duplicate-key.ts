/** Where a unique index refused a write: the collection (without the database) and the index name. */
export interface DuplicateKey {
  collection: string;
  index: string;
}

const MESSAGE = /collection: [^.\s]+\.(\S+) index: (\S+) dup key/;

/**
 * The collection and index named by a duplicate-key error (code 11000), or undefined for any other error. Both the
 * server and the embedded engine word the message the same way; it is the only place the index name is given.
 */
export function duplicateKeyOf(error: unknown): DuplicateKey | undefined {
  const candidate = error as { code?: unknown; message?: unknown; errmsg?: unknown } | null;
  if (candidate?.code !== 11000) return undefined;
  const text = typeof candidate.errmsg === 'string' ? candidate.errmsg : String(candidate.message);
  const match = MESSAGE.exec(text);
  return match === null ? undefined : { collection: match[1], index: match[2] };
}
