import type { Filter } from '../db/driver.js';
import type { Calendar } from './calendar.js';
import { afterCursor } from './cursor.js';
import type { RecordKind, StoredRecord } from './kind.js';
import { listFilter, listQuerySchema, type ListQuery } from './list-filter.js';

/** Shared by every list whatever its filters: paging and the choice of JSON or CSV. */
const PAGING = ['limit', 'cursor', 'format'] as const;

/** The list query-string schema of a kind: the registers' parameters, or the kind's own beside the shared paging. */
export function kindListQuerySchema(kind: RecordKind): Record<string, unknown> {
  const shared = listQuerySchema(kind);
  if (kind.listParameters === undefined) return shared;
  const sharedProperties = shared.properties as Record<string, unknown>;
  const paging = Object.fromEntries(PAGING.map((name) => [name, sharedProperties[name]]));
  return { ...shared, properties: { ...paging, ...kind.listParameters.properties } };
}

/** The filter a list query asks for (the caller's visibility is added by the service); paging continues after the cursor. */
export function kindListFilter(kind: RecordKind, query: ListQuery, calendar: Calendar, organizations?: string[]): Filter<StoredRecord> {
  if (kind.listParameters === undefined) return listFilter(kind, query, calendar, organizations);
  const clauses = kind.listParameters.clauses(query as unknown as Record<string, unknown>, calendar);
  if (query.cursor !== undefined) clauses.push(afterCursor(query.cursor, kind.sortField) as Record<string, unknown>);
  if (clauses.length === 0) return {};
  return (clauses.length === 1 ? clauses[0] : { $and: clauses }) as Filter<StoredRecord>;
}
