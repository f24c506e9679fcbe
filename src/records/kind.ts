import type { Filter, IndexDescription, ObjectId } from '../db/driver.js';
import type { FieldError } from '../http/errors.js';
import type { AuthUser, Role } from '../http/types.js';

/** Institutions and officials are keyed by their code; every other record by an ObjectId. */
export type RecordId = ObjectId | string;

/** A record as stored: the client's fields plus the server-owned bookkeeping. */
export interface StoredRecord {
  _id: RecordId;
  revision: number;
  registeredAt: string;
  updatedAt: string;
  createdBy: string;
  status?: 'active' | 'withdrawn';
  withdrawal?: { reason: string; at: string; by: string };
  [field: string]: unknown;
}

export type RecordInput = Record<string, unknown>;

/** Who may do what with one kind of record; see policy.ts for the shared rules. */
export interface AccessRules {
  /** Roles that may create at all; others get 403 before the body is looked at. */
  createRoles: readonly Role[];
  /** May the user create, change or withdraw this record (as stored, or as it would be stored)? */
  canWrite(user: AuthUser, record: RecordInput): boolean;
  /** May the user see the whole record, private fields included? Everyone else gets the public projection. */
  canReadAll(user: AuthUser | undefined, record: RecordInput): boolean;
  /** Whether anyone may read the public projection; when false, records out of reach answer 404. */
  publicRead: boolean;
  /** For kinds without public read: the records a user may list (undefined = none). */
  listScope?(user: AuthUser | undefined): Filter<StoredRecord> | undefined;
}

/** A reference the record makes to another record, checked to exist before anything is written. */
export interface Reference {
  pointer: string;
  collection: string;
  id: RecordId;
  /** What the error says is missing, e.g. "official". */
  what: string;
}

export interface CsvColumn {
  header: string;
  value(record: Record<string, unknown>): unknown;
}

/** Everything the generic machinery needs to know about one kind of versioned record. */
export interface RecordKind {
  /** The schema kind (`schemas/<kind>.json`) and the audit subject kind, e.g. "meeting". */
  kind: string;
  collection: string;
  /** Path under the module's mount, e.g. "/meetings". */
  path: string;
  /** Set for kinds keyed by a field of their own (institutions and officials by code). */
  naturalId?: string;
  /** The field lists sort on, newest first; `_id` breaks ties. */
  sortField: string;
  access: AccessRules;
  /** Server-owned fields computed from the client's (search words, event time, normalised names). */
  derive(input: RecordInput, context: CheckContext): RecordInput | Promise<RecordInput>;
  /** Rules a schema cannot say (end after start, …); each failure a 400 naming the field. */
  rules?(input: RecordInput): FieldError[];
  references?(input: RecordInput): Reference[];
  /** Checks that read the database (position held on the date, duplicates, …); throw an HttpError to refuse. */
  check?(input: RecordInput, context: CheckContext): Promise<void>;
  /** Query-string filters this kind offers and the stored field each one matches. */
  filters: Partial<Record<'official' | 'institution' | 'organization', string>>;
  csvColumns: CsvColumn[];
  indexes: IndexDescription[];
}

export interface CheckContext {
  find(collection: string, id: RecordId): Promise<StoredRecord | null>;
  findOne(collection: string, filter: Filter<StoredRecord>): Promise<StoredRecord | null>;
  /** The stored record being changed; undefined on create. */
  current?: StoredRecord;
}

/** Fields only the server writes; a client that sends one gets 400 (the schemas mark them readOnly). */
export const SERVER_FIELDS = [
  '_id', 'id', 'registeredAt', 'updatedAt', 'createdBy', 'revision', 'status', 'withdrawal',
  'eventAt', 'searchTokens', 'organizationIds', 'normalizedName', 'mergedInto', 'mergedFrom',
  'requestedAt', 'answer', 'state', 'submittedAt',
] as const;

/** Server-owned fields used for finding records, never shown to anyone. */
export const INTERNAL_FIELDS = ['searchTokens', 'organizationIds'] as const;

export function clientFields(record: RecordInput): RecordInput {
  const out: RecordInput = {};
  for (const [key, value] of Object.entries(record)) {
    if (!(SERVER_FIELDS as readonly string[]).includes(key)) out[key] = value;
  }
  return out;
}
