import type { Database } from '../db/database.js';
import { unprocessable } from '../http/errors.js';
import type { AuthUser } from '../http/types.js';
import type { RecordContext, RecordsService } from '../records/service.js';
import { declarationChanges } from './changes.js';
import { declarationsRepository } from './repository.js';

/**
 * What filings add to the shared records service (which reads, lists, presents and writes them): submission, the
 * comparison of two filings, and the reads search by company needs.
 */
export function declarationsService(records: RecordsService, db: Database) {
  const { load, present } = records;
  return {
    present,
    repo: declarationsRepository(db),

    /** The server sets the time of submission: deadlines are judged on it, never on the client's word. */
    submit: (rawId: string, ifMatch: number, context: RecordContext) =>
      records.transition(rawId, ifMatch, context, 'submit', undefined, (_current, now) => ({ state: 'submitted', submittedAt: now })),

    /** Section by section, what the filing changed since another filing of the same official, as the caller may see both. */
    async changes(rawId: string, sinceRawId: string, user: AuthUser | undefined) {
      const newer = await load(rawId, user);
      const older = await load(sinceRawId, user).catch(() => undefined);
      if (older === undefined) throw unprocessable('The filing to compare with is not one you can read.', [{ pointer: '/query/since', message: 'names no declaration' }]);
      if (older.official !== newer.official) {
        throw unprocessable('Only filings of the same official are compared.', [{ pointer: '/query/since', message: 'names a declaration of another official' }]);
      }
      const before = present(older, user);
      const after = present(newer, user);
      return { declaration: after.id, since: before.id, official: newer.official, ...declarationChanges(before, after) };
    },
  };
}

export type DeclarationsService = ReturnType<typeof declarationsService>;
