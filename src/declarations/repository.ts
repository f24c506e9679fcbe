import type { Database } from '../db/database.js';
import type { Filter } from '../db/driver.js';
import type { RecordId, StoredRecord } from '../records/kind.js';
import { DECLARATIONS, ORGANIZATIONS } from './collections.js';

/** What choosing an official's current filing reads of each one. */
export interface FilingSummary {
  _id: RecordId;
  official: string;
  type: string;
  rectifies?: string;
  submittedAt: string;
}

/** The reads search by company makes; the records machinery does every other read and every write. */
export function declarationsRepository(db: Database) {
  const declarations = db.collection<StoredRecord>(DECLARATIONS);
  return {
    findByIds: (ids: RecordId[]) => declarations.find({ _id: { $in: ids } }).toArray(),
    /** Officials with a submitted filing naming any of these keys, in code order, after `after`. */
    async officialsNaming(keys: string[], after: string | undefined): Promise<string[]> {
      const filter: Filter<StoredRecord> = { organizationKeys: { $in: keys }, state: 'submitted', ...(after !== undefined ? { official: { $gt: after } } : {}) };
      const found = await declarations.find(filter, { projection: { official: 1 } }).toArray();
      return [...new Set(found.map((record) => String(record.official)))].sort();
    },
    /** Every submitted filing of these officials, reduced to what the choice of the current one needs. */
    submittedOf: (officials: string[]) =>
      declarations
        .find({ official: { $in: officials }, state: 'submitted' }, { projection: { official: 1, type: 1, rectifies: 1, submittedAt: 1 } })
        .toArray() as unknown as Promise<FilingSummary[]>,
    findOrganizations: (ids: RecordId[]) => db.collection<StoredRecord>(ORGANIZATIONS).find({ _id: { $in: ids } }).toArray(),
  };
}

export type DeclarationsRepository = ReturnType<typeof declarationsRepository>;
