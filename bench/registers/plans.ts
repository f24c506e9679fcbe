import type { Database } from '../../src/db/database.js';
import type { Calendar } from '../../src/records/calendar.js';
import type { Document } from '../../src/db/driver.js';
import { encodeCursor } from '../../src/records/cursor.js';
import type { StoredRecord } from '../../src/records/kind.js';
import { listFilter, type ListQuery } from '../../src/records/list-filter.js';
import { LIST_PROJECTION, listOrder } from '../../src/records/repository.js';
import { meetingKind } from '../../src/registry/meetings.js';

/** "IXSCAN official_eventAt" or "SORT < COLLSCAN": the stages of a winning plan, outermost first. */
function stages(plan: Document | undefined): string {
  const parts: string[] = [];
  for (let stage = plan; stage !== undefined; stage = stage.inputStage as Document | undefined) {
    parts.push(stage.indexName ? `${String(stage.stage)} ${String(stage.indexName)}` : String(stage.stage));
  }
  return parts.join(' < ');
}

/**
 * How the database answers a scenario's first page and the page after it, as the list service asks (same filter,
 * order, projection and limit): the index, whether a SORT stage was needed, and how much was read for one page.
 */
export async function describePlans(db: Database, path: string, calendar: Calendar, limit = 50): Promise<string[]> {
  const params = Object.fromEntries(new URL(path, 'http://bench').searchParams) as unknown as ListQuery;
  const meetings = db.collection<StoredRecord>(meetingKind.collection);
  const lines: string[] = [];
  let query: ListQuery = { ...params, limit };
  for (const page of ['first page', 'next page']) {
    const filter = listFilter(meetingKind, query, calendar);
    const find = () => meetings.find(filter, { projection: LIST_PROJECTION, limit: limit + 1 }).sort(listOrder(meetingKind));
    const explained = (await find().explain('executionStats')) as Document;
    const stats = explained.executionStats as Document;
    const keys = stats.totalKeysExamined === undefined ? '' : `, ${String(stats.totalKeysExamined)} keys`;
    lines.push(`${page}: ${stages(explained.queryPlanner.winningPlan as Document)}; ${String(stats.nReturned)} returned, ${String(stats.totalDocsExamined)} documents examined${keys}`);
    const found = await find().toArray();
    if (found.length <= limit) break;
    query = { ...query, cursor: encodeCursor(found[limit - 1], meetingKind.sortField) };
  }
  return lines;
}
