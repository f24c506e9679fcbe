import type { Audit } from '../audit/audit.js';
import type { Database } from '../db/database.js';
import type { Filter } from '../db/driver.js';
import { conflict, notFound, unprocessable } from '../http/errors.js';
import type { AuthUser } from '../http/types.js';
import { encodeCursor } from '../records/cursor.js';
import type { RecordInput, StoredRecord } from '../records/kind.js';
import { recordsService, type Answer, type RecordContext } from '../records/service.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import { canSee, visibleFilter } from './access.js';
import { declarationChanges } from './changes.js';
import { declarationKind } from './kind.js';
import { listFilter, type DeclarationListQuery } from './list-query.js';
import { presentDeclaration, withoutSearchKeys } from './presenter.js';
import { declarationsRepository } from './repository.js';

/**
 * Filings: drafts written through the records machinery (every change a revision and an audit event), submitted
 * once, then never changed. A draft is known only to those who keep or oversee it.
 */
export function declarationsService(db: Database, audit: Audit, schemas: SchemaRegistry) {
  const records = recordsService(db, audit, schemas, declarationKind);
  const repo = declarationsRepository(db);
  const present = (record: StoredRecord, user: AuthUser | undefined) => presentDeclaration(schemas, record, user);

  /** The filing, or 404 when it does not exist or is a draft the caller may not know of. */
  const load = async (rawId: string, user: AuthUser | undefined): Promise<StoredRecord> => {
    const id = records.parseId(rawId);
    const record = id === undefined ? null : await repo.findById(id);
    if (record === null || !canSee(user, record)) throw notFound('No declaration has this id.');
    return record;
  };

  const loadDraft = async (rawId: string, user: AuthUser | undefined): Promise<StoredRecord> => {
    const record = await load(rawId, user);
    if (record.state !== 'draft') throw conflict('A submitted declaration never changes; file a rectification instead.');
    return record;
  };

  const service = {
    present,
    load,
    repo,

    async create(input: RecordInput, context: RecordContext, idempotencyKey?: string): Promise<Answer> {
      const answer = await records.create(input, context, idempotencyKey);
      return { ...answer, body: withoutSearchKeys(answer.body) };
    },

    async update(rawId: string, input: RecordInput, ifMatch: number, context: RecordContext, mode: 'replace' | 'merge', reason?: string) {
      await loadDraft(rawId, context.user);
      return records.update(rawId, input, ifMatch, context, mode, reason);
    },

    /** The server sets the time of submission: deadlines are judged on it, never on the client's word. */
    async submit(rawId: string, ifMatch: number, context: RecordContext) {
      await loadDraft(rawId, context.user);
      return records.transition(rawId, ifMatch, context, 'submit', undefined, (current, now) => {
        if (current.state !== 'draft') throw conflict('This declaration is already submitted.');
        return { state: 'submitted', submittedAt: now };
      });
    },

    async list(query: DeclarationListQuery, user: AuthUser | undefined) {
      const filter = service.filter(query, user);
      const found = await repo.find(filter, query.limit + 1);
      const items = found.slice(0, query.limit);
      return {
        items: items.map((record) => present(record, user)),
        next: found.length > query.limit ? encodeCursor(items[items.length - 1], 'registeredAt') : null,
      };
    },

    filter(query: DeclarationListQuery, user: AuthUser | undefined): Filter<StoredRecord> {
      return { $and: [visibleFilter(user), listFilter(query)] } as Filter<StoredRecord>;
    },

    stream: (filter: Filter<StoredRecord>) => repo.stream(filter),

    async revisions(rawId: string, user: AuthUser | undefined) {
      await load(rawId, user);
      const revisions = await records.revisions(rawId, user);
      return revisions.map((revision) =>
        revision.snapshot === undefined ? revision : { ...revision, snapshot: withoutSearchKeys(revision.snapshot as Record<string, unknown>) },
      );
    },

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
  return service;
}

export type DeclarationsService = ReturnType<typeof declarationsService>;
