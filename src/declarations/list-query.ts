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
  clauses(query) {
    const clauses: Record<string, unknown>[] = [];
    for (const field of ['official', 'institution', 'type', 'state'] as const) {
      if (query[field] !== undefined) clauses.push({ [field]: query[field] });
    }
    if (typeof query.year === 'number') clauses.push({ submittedAt: { $gte: `${query.year}-01-01`, $lt: `${query.year + 1}-01-01` } });
    return clauses;
  },
};
