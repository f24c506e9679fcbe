import { createHash } from 'node:crypto';
import type { Audit, AuditActor } from '../audit/audit.js';
import type { Database } from '../db/database.js';
import { BSON, ObjectId, type ClientSession, type Filter } from '../db/driver.js';
import { badRequest, conflict, forbidden, notFound, preconditionFailed, unauthorized, unprocessable } from '../http/errors.js';
import type { AuthUser } from '../http/types.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import { changedFields } from './changes.js';
import { encodeCursor } from './cursor.js';
import { clientFields, type CheckContext, type RecordId, type RecordInput, type RecordKind, type StoredRecord } from './kind.js';
import { readAllScopeOf } from './policy.js';
import { presentRecord, presentRevision, publicJsonArray } from './presenter.js';
import { IDEMPOTENCY_KEYS, recordIdString, recordsRepository, type StoredIdempotencyKey, type StoredRevision } from './repository.js';
import { duplicateKeyOf } from './duplicate-key.js';
import { canonicalRuts } from './rut-fields.js';
import type { ListQuery } from './list-filter.js';
import { kindListFilter } from './list-parameters.js';
import type { Calendar } from './calendar.js';

/** How long a create's Idempotency-Key is remembered; a retry later than this creates anew. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface RecordContext {
  user?: AuthUser;
  actor: AuditActor;
  requestId?: string;
}

/** A client's answer as first given, so a replayed create gets exactly the same. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  location?: string;
  etag?: string;
  replayed?: boolean;
}

/** A page's answer around its items: `{items, next, limit}`. */
const ITEMS_OPEN = '{"items":';
const pageEnd = (next: string | null, limit: number) => `,"next":${JSON.stringify(next)},"limit":${limit}}`;

export interface Page {
  /** The answer's JSON: `{items, next, limit}`, the records as presented to the caller. */
  body: Buffer;
  next: string | null;
}

/**
 * The versioned-record machinery, for any kind: every write stores the record, a revision (full snapshot, who,
 * when, why, which fields) and an audit event in one transaction; the server owns the bookkeeping fields.
 */
export function recordsService(db: Database, audit: Audit, schemas: SchemaRegistry, kind: RecordKind, calendar: Calendar) {
  const repo = recordsRepository(db, kind);
  const { access } = kind;

  const parseId = (raw: string): RecordId | undefined => {
    if (kind.naturalId !== undefined) return raw.length > 0 && raw.length <= 64 ? raw : undefined;
    return /^[0-9a-f]{24}$/.test(raw) ? new ObjectId(raw) : undefined;
  };
  const present = (record: StoredRecord, user: AuthUser | undefined) => presentRecord(schemas, kind, record, access.canReadAll(user, record));
  const publicJson = publicJsonArray(schemas, kind);
  const visible = (record: StoredRecord, user: AuthUser | undefined) =>
    access.visibility !== undefined ? access.visibility.canSee(user, record) : access.publicRead || access.canReadAll(user, record);
  const clientOf = (record: RecordInput) => clientFields(record, kind);

  /** The record, or 404 when it does not exist or the caller may not even know it does. */
  const load = async (rawId: string, user: AuthUser | undefined, session?: ClientSession): Promise<StoredRecord> => {
    const id = parseId(rawId);
    const record = id === undefined ? null : await repo.findById(id, session);
    if (record === null || !visible(record, user)) throw notFound(`No ${kind.kind} has this id.`);
    return record;
  };

  /** A record its kind has locked (a submitted filing) answers 409 to any change, whoever asks. */
  const loadChangeable = async (rawId: string, user: AuthUser | undefined): Promise<StoredRecord> => {
    const record = await load(rawId, user);
    const locked = kind.locked?.(record);
    if (locked !== undefined) throw conflict(locked);
    return record;
  };

  /** 403 where the caller may see the record, 404 where they may not. */
  const requireWrite = (user: AuthUser | undefined, record: RecordInput, stored?: StoredRecord) => {
    if (user === undefined) throw unauthorized();
    if (access.canWrite(user, record)) return;
    if (stored !== undefined && !visible(stored, user)) throw notFound(`No ${kind.kind} has this id.`);
    throw forbidden(`You may not change this ${kind.kind}.`);
  };

  const checkContext = (current?: StoredRecord): CheckContext => ({
    find: (collection, id) => repo.other(collection).findOne({ _id: id }),
    findOne: (collection, filter) => repo.other(collection).findOne(filter),
    current,
    calendar,
  });

  /** Canonical RUTs, then the rules no schema can say, then references, then the kind's own checks. */
  const prepare = async (input: RecordInput, current?: StoredRecord): Promise<RecordInput> => {
    const { value, errors } = canonicalRuts(input);
    errors.push(...(kind.rules?.(value) ?? []));
    if (errors.length > 0) throw badRequest('The request is not valid; see errors.', errors);
    const missing = [];
    for (const reference of kind.references?.(value) ?? []) {
      if ((await repo.other(reference.collection).countDocuments({ _id: reference.id }, { limit: 1 })) === 0) {
        missing.push({ pointer: reference.pointer, message: `names no registered ${reference.what}` });
      }
    }
    if (missing.length > 0) throw unprocessable('The record refers to something not registered; see errors.', missing);
    await kind.check?.(value, checkContext(current));
    return value;
  };

  const revisionOf = (record: StoredRecord, action: string, context: RecordContext, changes: string[], reason?: string): StoredRevision => ({
    _id: new ObjectId(),
    kind: kind.kind,
    record: recordIdString(record._id),
    revision: record.revision,
    action,
    at: record.updatedAt,
    by: { kind: context.actor.kind, ...(context.actor.id ? { id: context.actor.id } : {}), ...(context.actor.role ? { role: context.actor.role } : {}) },
    ...(reason !== undefined ? { reason } : {}),
    changes,
    snapshot: record as Record<string, unknown>,
  });

  const auditEntry = (record: StoredRecord, action: string, context: RecordContext, changes: string[], reason?: string) => ({
    action: `${kind.kind}.${action}`,
    subject: { kind: kind.kind, id: recordIdString(record._id) },
    actor: context.actor,
    requestId: context.requestId,
    changes,
    ...(reason !== undefined ? { reason } : {}),
  });

  const write = async (session: ClientSession, next: StoredRecord, previousRevision: number, action: string, context: RecordContext, changes: string[], reason?: string) => {
    if (!(await repo.replaceAt(next, previousRevision, session))) throw preconditionFailed(`The ${kind.kind} changed since you read it.`);
    await repo.insertRevision(revisionOf(next, action, context, changes, reason), session);
    await audit.append(auditEntry(next, action, context, changes, reason), session);
  };

  /** Writes a changed record, its revision and its audit event together; 412 if another writer got there first. */
  const commit = async (next: StoredRecord, previousRevision: number, action: string, context: RecordContext, changes: string[], reason?: string) => {
    try {
      await db.withTransaction((session) => write(session, next, previousRevision, action, context, changes, reason));
    } catch (error) {
      throw duplicateAnswer(error, next);
    }
    return next;
  };

  /** A unique index of the kind refused the write: the kind's own 409 naming the field, else the error unchanged. */
  const duplicateAnswer = (error: unknown, record: StoredRecord): unknown => {
    const duplicate = duplicateKeyOf(error);
    if (duplicate === undefined || duplicate.collection !== kind.collection) return error;
    return kind.onDuplicate?.(duplicate.index, record) ?? error;
  };

  /** The first answer given for an Idempotency-Key, or 422 when this request's body differs from that one's. */
  const replay = (earlier: StoredIdempotencyKey, requestHash: string): Answer => {
    if (earlier.requestHash !== requestHash) {
      throw unprocessable('This Idempotency-Key was used with a different body.', [{ pointer: '/header/idempotency-key', message: 'was used with a different body' }]);
    }
    return { status: earlier.status, body: earlier.body, location: earlier.location, etag: `"${String(earlier.body.revision)}"`, replayed: true };
  };

  /**
   * A withdrawn record shows only its notice to those who may not read it whole, so a search by its contents (words,
   * dates, organisations) must not find it for them either: that would disclose what the withdrawal hides.
   */
  const withdrawnOutOfReach = (query: ListQuery, user: AuthUser | undefined): Filter<StoredRecord> => {
    const byContent = query.q !== undefined || query.from !== undefined || query.to !== undefined || query.organization !== undefined;
    if (!byContent || kind.listParameters !== undefined) return {};
    const readable = readAllScopeOf(access, user);
    if (readable === undefined) return { status: { $ne: 'withdrawn' } };
    if (Object.keys(readable).length === 0) return {};
    return { $or: [{ status: { $ne: 'withdrawn' } }, readable] } as Filter<StoredRecord>;
  };

  const service = {
    kind,
    parseId,
    present,
    load,

    async create(input: RecordInput, context: RecordContext, idempotencyKey?: string): Promise<Answer> {
      const user = context.user;
      if (user === undefined) throw unauthorized();
      if (!access.createRoles.includes(user.role)) throw forbidden(`The role ${user.role} may not register a ${kind.kind}.`);
      const keyId = idempotencyKey === undefined ? undefined : `${user.id}:${kind.kind}:${idempotencyKey}`;
      const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
      if (keyId !== undefined) {
        const earlier = await repo.findKey(keyId);
        if (earlier !== null) return replay(earlier, requestHash);
      }
      requireWrite(user, input);
      const fields = await prepare(input);
      const now = new Date().toISOString();
      const id = kind.naturalId !== undefined ? String(fields[kind.naturalId]) : new ObjectId();
      if (kind.naturalId !== undefined && (await repo.findById(id)) !== null) {
        throw conflict(`A ${kind.kind} with this ${kind.naturalId} exists.`, [{ pointer: `/${kind.naturalId}`, message: 'is already registered' }]);
      }
      const record: StoredRecord = { _id: id, ...fields, ...(await kind.derive(fields, checkContext())), status: 'active', registeredAt: now, updatedAt: now, createdBy: user.id, revision: 1 };
      const answer: Answer = { status: 201, body: present(record, user), location: `${kind.path}/${encodeURIComponent(recordIdString(id))}`, etag: `"1"` };
      try {
        await db.withTransaction(async (session) => {
          // The key goes first: of two requests racing with one key, the loser fails here, before writing anything.
          if (keyId !== undefined) {
            const key = { _id: keyId, requestHash, status: answer.status, location: answer.location, body: answer.body, createdAt: now, expiresAt: new Date(Date.now() + IDEMPOTENCY_KEY_LIFETIME_MS) };
            await repo.insertKey(key, session);
          }
          await repo.insert(record, session);
          await repo.insertRevision(revisionOf(record, 'create', context, Object.keys(fields).sort()), session);
          await audit.append(auditEntry(record, 'create', context, Object.keys(fields).sort()), session);
        });
      } catch (error) {
        if (keyId !== undefined && duplicateKeyOf(error)?.collection === IDEMPOTENCY_KEYS) {
          const winner = await repo.findKey(keyId);
          if (winner !== null) return replay(winner, requestHash);
        }
        throw duplicateAnswer(error, record);
      }
      return answer;
    },

    async get(rawId: string, user: AuthUser | undefined) {
      const record = await load(rawId, user);
      return { record, body: present(record, user) };
    },

    async list(query: ListQuery, user: AuthUser | undefined): Promise<Page> {
      const filter = await service.filter(query, user);
      // The public never reads a record whole (see AccessRules.canReadAll), so its pages are written from the
      // stored bytes without decoding them.
      if (user === undefined && publicJson !== undefined) {
        const found = await repo.findBytes(filter, query.limit + 1);
        const items = found.slice(0, query.limit);
        const last = found.length > query.limit ? (BSON.deserialize(items[items.length - 1]) as StoredRecord) : undefined;
        const next = last === undefined ? null : encodeCursor(last, kind.sortField);
        return { body: publicJson(items, ITEMS_OPEN, pageEnd(next, query.limit)), next };
      }
      const found = await repo.find(filter, query.limit + 1);
      const items = found.slice(0, query.limit);
      const next = found.length > query.limit ? encodeCursor(items[items.length - 1], kind.sortField) : null;
      return { body: Buffer.from(`${ITEMS_OPEN}${JSON.stringify(items.map((record) => present(record, user)))}${pageEnd(next, query.limit)}`), next };
    },

    /** The query's filter, limited to what the caller may list; also used by the CSV stream. */
    async filter(query: ListQuery, user: AuthUser | undefined): Promise<Filter<StoredRecord>> {
      const scope = access.visibility !== undefined ? access.visibility.filter(user) : access.publicRead ? {} : access.listScope?.(user);
      if (scope === undefined) throw unauthorized(`Only accounts that keep or oversee ${kind.kind} records may list them.`);
      const organizations = query.organization === undefined ? undefined : await service.organizationAliases(query.organization);
      const requested = kindListFilter(kind, query, calendar, organizations);
      const clauses = [scope, requested, withdrawnOutOfReach(query, user)].filter((clause) => Object.keys(clause).length > 0);
      if (clauses.length === 0) return {};
      return (clauses.length === 1 ? clauses[0] : { $and: clauses }) as Filter<StoredRecord>;
    },

    /** An organisation and every duplicate merged into it, so filtering by the survivor finds entries naming either. */
    async organizationAliases(id: string): Promise<string[]> {
      const organization = /^[0-9a-f]{24}$/.test(id) ? await repo.other('organizations').findOne({ _id: new ObjectId(id) }) : null;
      const merged = Array.isArray(organization?.mergedFrom) ? (organization.mergedFrom as string[]) : [];
      return [id, ...merged];
    },

    stream: (filter: Filter<StoredRecord>) => repo.stream(filter),

    /** PUT replaces the client's fields; PATCH replaces only the top-level fields sent. */
    async update(rawId: string, input: RecordInput, ifMatch: number, context: RecordContext, mode: 'replace' | 'merge', reason?: string): Promise<StoredRecord> {
      const current = await loadChangeable(rawId, context.user);
      const nextClient = mode === 'replace' ? input : { ...clientOf(current), ...input };
      requireWrite(context.user, current, current);
      requireWrite(context.user, { ...current, ...nextClient }, current);
      if (current.revision !== ifMatch) throw preconditionFailed(`The ${kind.kind} is at revision ${current.revision}; read it again.`);
      if (current.status === 'withdrawn') throw conflict(`A withdrawn ${kind.kind} cannot change.`);
      const fields = await prepare(nextClient, current);
      const changes = changedFields(clientOf(current), fields);
      if (changes.length === 0) return current;
      const kept = Object.fromEntries(Object.entries(current).filter(([key]) => !(key in clientOf(current))));
      const next: StoredRecord = { ...kept, ...fields, ...(await kind.derive(fields, checkContext(current))), updatedAt: new Date().toISOString(), revision: current.revision + 1 } as StoredRecord;
      return commit(next, current.revision, 'update', context, changes, reason);
    },

    /** No record is deleted: a withdrawal keeps it, marked, with the reason the public sees. */
    async withdraw(rawId: string, reason: string, ifMatch: number, context: RecordContext): Promise<StoredRecord> {
      return service.transition(rawId, ifMatch, context, 'withdraw', reason, (current, now) => {
        if (current.status === 'withdrawn') throw conflict(`This ${kind.kind} is already withdrawn.`);
        return { status: 'withdrawn', withdrawal: { reason, at: now, by: context.user!.id } };
      });
    },

    /**
     * Any other change of server-owned state (withdraw, merge, answer, submit): `change` returns the fields to set.
     * Same checks and the same single transaction as an update.
     */
    async transition(
      rawId: string,
      ifMatch: number | undefined,
      context: RecordContext,
      action: string,
      reason: string | undefined,
      change: (current: StoredRecord, now: string) => Record<string, unknown> | Promise<Record<string, unknown>>,
    ): Promise<StoredRecord> {
      const current = await loadChangeable(rawId, context.user);
      requireWrite(context.user, current, current);
      if (ifMatch !== undefined && current.revision !== ifMatch) throw preconditionFailed(`The ${kind.kind} is at revision ${current.revision}; read it again.`);
      const now = new Date().toISOString();
      const set = await change(current, now);
      const next: StoredRecord = { ...current, ...set, updatedAt: now, revision: current.revision + 1 };
      return commit(next, current.revision, action, context, Object.keys(set).sort(), reason);
    },

    /** Several records of this kind changed in one transaction (a merge touches both sides); each gets its revision and audit event. */
    async changeTogether(changes: { current: StoredRecord; set: Record<string, unknown>; action: string }[], context: RecordContext, reason?: string): Promise<StoredRecord[]> {
      const now = new Date().toISOString();
      const nexts = changes.map(({ current, set }) => ({ ...current, ...set, updatedAt: now, revision: current.revision + 1 }) as StoredRecord);
      try {
        await db.withTransaction(async (session) => {
          for (const [index, { current, set, action }] of changes.entries()) {
            await write(session, nexts[index], current.revision, action, context, Object.keys(set).sort(), reason);
          }
        });
      } catch (error) {
        throw duplicateAnswer(error, nexts[0]);
      }
      return nexts;
    },

    async revisions(rawId: string, user: AuthUser | undefined) {
      const record = await load(rawId, user);
      const full = access.canReadAll(user, record);
      return (await repo.revisionsOf(record._id)).map((revision) => presentRevision(schemas, kind, revision, full));
    },
  };
  return service;
}

export type RecordsService = ReturnType<typeof recordsService>;
