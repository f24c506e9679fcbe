import type { Filter, IndexDescription, ObjectId } from '../db/driver.js';
import type { FieldError, HttpError } from '../http/errors.js';
import type { AuthUser, Role } from '../http/types.js';
import type { Calendar } from './calendar.js';

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
  /**
   * May the user see the whole record, private fields included? Everyone else gets the public projection. Never
   * true without a user: the public's list pages are written from stored bytes on that footing.
   */
  canReadAll(user: AuthUser | undefined, record: RecordInput): boolean;
  /**
   * The records whose whole content the user may read, as a list filter ({} = all, undefined = none); when absent,
   * oversight and admin read all and nobody else does. Lists searched by content use it to keep withdrawn records
   * out of reach of those who would see only their notice.
   */
  readAllScope?(user: AuthUser | undefined): Filter<StoredRecord> | undefined;
  /** Whether anyone may read the public projection; when false, records out of reach answer 404. */
  publicRead: boolean;
  /** For kinds without public read: the records a user may list (undefined = none). */
  listScope?(user: AuthUser | undefined): Filter<StoredRecord> | undefined;
  /**
   * For kinds where whether a record may be known depends on the record itself (a draft filing): the rule for one
   * record and the same rule as a list filter. Replaces `publicRead` and `listScope` when set.
   */
  visibility?: Visibility;
}

/** Which records a caller may know exist; the two answers must agree. */
export interface Visibility {
  canSee(user: AuthUser | undefined, record: RecordInput): boolean;
  filter(user: AuthUser | undefined): Filter<StoredRecord>;
}

/** A reference the record makes to another record, checked to exist before anything is written. */
export interface Reference {
  pointer: string;
  collection: string;
  id: RecordId;
  /** What the error says is missing, e.g. "official". */
  what: string;
}

/**
 * A kind whose list takes other parameters than the registers' (from, to, q, status, organization): the query-string
 * properties it accepts and the clauses they ask for. Paging (limit, cursor), format and visibility stay shared.
 */
export interface ListParameters {
  properties: Record<string, unknown>;
  /** `calendar` says where a day named without a time of day begins. */
  clauses(query: Record<string, unknown>, calendar: Calendar): Record<string, unknown>[];
}

/** OpenAPI summaries a kind words itself; the shared routes say it generically otherwise. */
export type RouteSummaries = Partial<Record<'list' | 'create' | 'get' | 'replace' | 'patch' | 'revisions', string>>;

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
  /**
   * Server-owned fields of this kind beyond SERVER_FIELDS (a filing's state and search keys): kept across updates
   * and never counted among the client's changes. The schema marks them readOnly.
   */
  serverFields?: readonly string[];
  /** Server-owned fields computed from the client's (search words, event time, normalised names). */
  derive(input: RecordInput, context: CheckContext): RecordInput | Promise<RecordInput>;
  /** Rules a schema cannot say (end after start, …); each failure a 400 naming the field. */
  rules?(input: RecordInput): FieldError[];
  references?(input: RecordInput): Reference[];
  /** Checks that read the database (position held on the date, duplicates, …); throw an HttpError to refuse. */
  check?(input: RecordInput, context: CheckContext): Promise<void>;
  /**
   * Why the stored record may no longer change (a submitted filing), or undefined. Answered 409 right after the
   * record is found, before rights and preconditions are judged, for updates and every state change alike.
   */
  locked?(record: StoredRecord): string | undefined;
  /**
   * The answer when one of the kind's unique indexes (by name) refuses a write, a race the checks could not see:
   * usually the same 409 `check` gives, naming the field. Undefined leaves the generic 409.
   */
  onDuplicate?(index: string, record: StoredRecord): HttpError | undefined;
  /** False for kinds never withdrawn (a filing is corrected by another filing): no withdraw route. */
  withdrawable?: boolean;
  /** Query-string filters this kind offers and the stored field each one matches. */
  filters: Partial<Record<'official' | 'institution' | 'organization', string>>;
  /**
   * True where `sortField` holds a calendar date (a gift's day, a trip's first day, an attested month) stored as that
   * day's UTC midnight: a list's date-only bounds then match it as written. Otherwise it holds an instant, and a
   * date-only bound names a day in the registry's time zone.
   */
  datedByDay?: boolean;
  /** Replaces the registers' list parameters (and `filters`) for this kind's lists. */
  listParameters?: ListParameters;
  /**
   * The kind's last step on the way to the wire, after the shared presenter (id, internal fields, public projection):
   * drops kind-specific server fields, or trims what the law does not publish when `full` is false.
   */
  present?(shown: Record<string, unknown>, full: boolean): Record<string, unknown>;
  summaries?: RouteSummaries;
  csvColumns: CsvColumn[];
  indexes: IndexDescription[];
}

export interface CheckContext {
  find(collection: string, id: RecordId): Promise<StoredRecord | null>;
  findOne(collection: string, filter: Filter<StoredRecord>): Promise<StoredRecord | null>;
  /** The stored record being changed; undefined on create. */
  current?: StoredRecord;
  /** The registry's days: where a day named without a time of day begins. */
  calendar: Calendar;
}

/** Fields only the server writes; a client that sends one gets 400 (the schemas mark them readOnly). */
export const SERVER_FIELDS = [
  '_id', 'id', 'registeredAt', 'updatedAt', 'createdBy', 'revision', 'status', 'withdrawal',
  'eventAt', 'searchTokens', 'organizationIds', 'normalizedName',
] as const;

/** Server-owned fields used for finding records, never shown to anyone. */
export const INTERNAL_FIELDS = ['searchTokens', 'organizationIds'] as const;

/** The fields the client wrote: everything but the shared server fields and the kind's own. */
export function clientFields(record: RecordInput, kind: Pick<RecordKind, 'serverFields'>): RecordInput {
  const server = new Set<string>([...SERVER_FIELDS, ...(kind.serverFields ?? [])]);
  return Object.fromEntries(Object.entries(record).filter(([key]) => !server.has(key)));
}
