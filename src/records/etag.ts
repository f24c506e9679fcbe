import { preconditionFailed, preconditionRequired } from '../http/errors.js';

/** The ETag of a record is its revision, so a writer proves which version they read. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}

/** The revision named by If-Match: 428 without one, 412 when it cannot name a revision. */
export function revisionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw preconditionRequired();
  const match = /^(?:W\/)?"?([0-9]{1,7})"?$/.exec(header.trim());
  if (match === null) throw preconditionFailed('If-Match must carry the ETag you read, e.g. "3".');
  return Number(match[1]);
}
