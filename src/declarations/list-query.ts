import type { ListParameters } from '../records/kind.js';

const common = 'https://registry.local/schemas/common.json#/$defs';

/**
 * A filing list filters by official, institution, type, state and `year`: the year of submission (deadlines are
 * judged on it), so it lists submitted filings only.
 */
export const declarationListParameters: ListParameters = {
  properties: {
    official: { $ref: `${common}/officialCode` },
    institution: { $ref: `${common}/institutionCode` },
    type: { type: 'string', enum: ['initial', 'periodic', 'exit', 'rectification'] },
    year: { type: 'integer', minimum: 1990, maximum: 2200 },
    state: { type: 'string', enum: ['draft', 'submitted'] },
  },
  clauses(query, calendar) {
    const clauses: Record<string, unknown>[] = [];
    for (const field of ['official', 'institution', 'type', 'state'] as const) {
      if (query[field] !== undefined) clauses.push({ [field]: query[field] });
    }
    // The year as the registry counts it: from its first day to the next year's, in the registry's time zone.
    if (typeof query.year === 'number') clauses.push({ submittedAt: { $gte: calendar.startOfDay(`${query.year}-01-01`), $lt: calendar.startOfDay(`${query.year + 1}-01-01`) } });
    return clauses;
  },
};
