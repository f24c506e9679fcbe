import type { Filter } from '../db/driver.js';
import { badRequest } from '../http/errors.js';
import { searchTokens } from '../registry/names.js';
import { daysOf, startOfNextDay, type Calendar } from './calendar.js';
import { afterCursor } from './cursor.js';
import type { RecordKind, StoredRecord } from './kind.js';

export interface ListQuery {
  limit: number;
  cursor?: string;
  official?: string;
  institution?: string;
  organization?: string;
  from?: string;
  to?: string;
  q?: string;
  status?: 'active' | 'withdrawn';
  format?: 'json' | 'csv';
}

/** At most this many words of `q` are matched; each one is an indexed equality. */
const MAX_SEARCH_WORDS = 8;

/** The list query string every kind accepts; a kind without a filter refuses it as an unknown parameter. */
export function listQuerySchema(kind: RecordKind): Record<string, unknown> {
  const common = 'https://registry.local/schemas/common.json#/$defs';
  const dateOrTime = (edge: string) => ({
    description: `${edge}: a date-time is that instant; a date (YYYY-MM-DD) covers its whole day in the registry's time zone (gifts, trips and nil returns: the day as written).`,
    anyOf: [{ $ref: `${common}/isoDate` }, { $ref: `${common}/dateTime` }],
  });
  const properties: Record<string, unknown> = {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 600, pattern: '^[A-Za-z0-9_-]+$' },
    from: dateOrTime('First day or instant included'),
    to: dateOrTime('Last day or instant included'),
    q: { type: 'string', minLength: 1, maxLength: 200 },
    status: { $ref: `${common}/status` },
    format: { type: 'string', enum: ['json', 'csv'] },
  };
  if (kind.filters.official) properties.official = { $ref: `${common}/officialCode` };
  if (kind.filters.institution) properties.institution = { $ref: `${common}/institutionCode` };
  if (kind.filters.organization) properties.organization = { $ref: `${common}/objectId` };
  return { type: 'object', additionalProperties: false, properties };
}

/**
 * A date alone covers its whole day, so `to=2024-05-31` includes that day: a day in `days` (the registry's time zone,
 * for instants) or, for a kind dated by day, the day as stored (its UTC midnight). A date-time bound is that instant.
 */
function bound(value: string, edge: 'from' | 'to', days: Calendar): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return edge === 'to' ? startOfNextDay(days, value) : days.startOfDay(value);
  const instant = new Date(value).getTime();
  return new Date(edge === 'to' ? instant + 1 : instant).toISOString();
}

/** The MongoDB filter for a list query: equality on indexed fields, a half-open date range, one equality per search word. */
export function listFilter(kind: RecordKind, query: ListQuery, calendar: Calendar, organizations?: string[]): Filter<StoredRecord> {
  const days = daysOf(kind, calendar);
  const clauses: Record<string, unknown>[] = [];
  if (query.official !== undefined && kind.filters.official) clauses.push({ [kind.filters.official]: query.official });
  if (query.institution !== undefined && kind.filters.institution) clauses.push({ [kind.filters.institution]: query.institution });
  if (organizations !== undefined && kind.filters.organization) {
    clauses.push({ [kind.filters.organization]: organizations.length === 1 ? organizations[0] : { $in: organizations } });
  }
  const from = query.from === undefined ? undefined : bound(query.from, 'from', days);
  const to = query.to === undefined ? undefined : bound(query.to, 'to', days);
  if (from !== undefined && to !== undefined && from >= to) {
    throw badRequest('The date range ends before it starts.', [{ pointer: '/query/to', message: 'must be after from' }]);
  }
  if (from !== undefined || to !== undefined) {
    clauses.push({ [kind.sortField]: { ...(from !== undefined ? { $gte: from } : {}), ...(to !== undefined ? { $lt: to } : {}) } });
  }
  if (query.q !== undefined) {
    const words = searchTokens(query.q).slice(0, MAX_SEARCH_WORDS);
    if (words.length === 0) throw badRequest('The search has no words.', [{ pointer: '/query/q', message: 'has no letters or digits' }]);
    for (const word of words) clauses.push({ searchTokens: word });
  }
  if (query.status !== undefined) clauses.push(query.status === 'active' ? { status: { $ne: 'withdrawn' } } : { status: 'withdrawn' });
  if (query.cursor !== undefined) clauses.push(afterCursor(query.cursor, kind.sortField) as Record<string, unknown>);
  if (clauses.length === 0) return {};
  return (clauses.length === 1 ? clauses[0] : { $and: clauses }) as Filter<StoredRecord>;
}
