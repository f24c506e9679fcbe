import type { IndexDescription } from '../db/driver.js';
import type { RecordKind } from '../records/kind.js';

/**
 * One compound index per filter, each ending in the list order (sort field, then _id, both descending), so a
 * filtered page is an index range read in order; search words are a multikey index in the same shape.
 */
export function listIndexes(filters: RecordKind['filters'], sortField: string, extra: IndexDescription[] = []): IndexDescription[] {
  const order = { [sortField]: -1, _id: -1 } as const;
  const indexes: IndexDescription[] = [{ key: order, name: `${sortField}_id` }];
  for (const field of Object.values(filters)) indexes.push({ key: { [field]: 1, ...order }, name: `${field}_${sortField}` });
  indexes.push({ key: { searchTokens: 1, ...order }, name: `searchTokens_${sortField}` });
  return [...indexes, ...extra];
}
