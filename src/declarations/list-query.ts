import type { Filter } from '../db/driver.js';
import { afterCursor } from '../records/cursor.js';
import type { StoredRecord } from '../records/kind.js';

export interface DeclarationListQuery {
  limit: number;
  cursor?: string;
  official?: string;
  institution?: string;
  type?: 'initial' | 'periodic' | 'exit' | 'rectification';
  year?: number;
  state?: 'draft' | 'submitted';
  format?: 'json' | 'csv';
}

const common = 'https://registry.local/schemas/common.json#/$defs';

export const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 600, pattern: '^[A-Za-z0-9_-]+$' },
    official: { $ref: `${common}/officialCode` },
    institution: { $ref: `${common}/institutionCode` },
    type: { type: 'string', enum: ['initial', 'periodic', 'exit', 'rectification'] },
    year: { type: 'integer', minimum: 1990, maximum: 2200 },
    state: { type: 'string', enum: ['draft', 'submitted'] },
    format: { type: 'string', enum: ['json', 'csv'] },
  },
};

/**
 * The filter a list query asks for. `year` is the year of submission (deadlines are judged on it), so it lists
 * submitted filings only.
 */
export function listFilter(query: DeclarationListQuery): Filter<StoredRecord> {
  const clauses: Record<string, unknown>[] = [];
  for (const field of ['official', 'institution', 'type', 'state'] as const) {
    if (query[field] !== undefined) clauses.push({ [field]: query[field] });
  }
  if (query.year !== undefined) clauses.push({ submittedAt: { $gte: `${query.year}-01-01`, $lt: `${query.year + 1}-01-01` } });
  if (query.cursor !== undefined) clauses.push(afterCursor(query.cursor, 'registeredAt') as Record<string, unknown>);
  return (clauses.length === 0 ? {} : { $and: clauses }) as Filter<StoredRecord>;
}
