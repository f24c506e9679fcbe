import type { Filter } from '../db/driver.js';
import { conflict } from '../http/errors.js';
import type { CheckContext, RecordInput, RecordKind, StoredRecord } from '../records/kind.js';
import { counterpartAccess } from '../records/policy.js';
import { ORGANIZATIONS } from './collections.js';
import { listIndexes } from './indexes.js';
import { normalizeOrganizationName, searchTokens } from './names.js';

/**
 * The registered organisation a new one would duplicate: the same tax id; else, by normalised name, one that does
 * not carry a different tax id. Merged-away and withdrawn records are not candidates.
 */
export async function findDuplicate(input: RecordInput, context: CheckContext): Promise<StoredRecord | null> {
  const live: Filter<StoredRecord> = { mergedInto: { $exists: false }, status: { $ne: 'withdrawn' } };
  const notSelf: Filter<StoredRecord> = context.current === undefined ? {} : { _id: { $ne: context.current._id } };
  if (typeof input.taxId === 'string') {
    const byTaxId = await context.findOne(ORGANIZATIONS, { taxId: input.taxId, ...live, ...notSelf } as Filter<StoredRecord>);
    if (byTaxId !== null) return byTaxId;
  }
  const byName = await context.findOne(ORGANIZATIONS, { normalizedName: normalizeOrganizationName(String(input.name)), ...live, ...notSelf } as Filter<StoredRecord>);
  if (byName === null) return null;
  return typeof input.taxId === 'string' && typeof byName.taxId === 'string' && byName.taxId !== input.taxId ? null : byName;
}

const filters = {} as const;

const DEDUP_INDEX = 'dedupKey_active';

/** What two live registrations of one organisation share: the tax id when there is one, else the normalised name. */
export const dedupKeyOf = (taxId: unknown, normalizedName: string): string => (typeof taxId === 'string' ? `rut:${taxId}` : `name:${normalizedName}`);

/** A merged-away duplicate keeps a key of its own, so it no longer blocks a registration its survivor does not. */
export const mergedDedupKey = (id: unknown): string => `merged:${String(id)}`;

export const organizationKind: RecordKind = {
  kind: 'organization',
  collection: ORGANIZATIONS,
  path: '/organizations',
  sortField: 'registeredAt',
  access: counterpartAccess,
  // mergedInto and mergedFrom are set only by a merge (merge.ts); dedupKey is derived and never shown.
  serverFields: ['mergedInto', 'mergedFrom', 'dedupKey'],
  present(shown) {
    const { dedupKey: _dedupKey, ...rest } = shown;
    return rest;
  },
  filters,
  indexes: listIndexes(filters, 'registeredAt', [
    { key: { taxId: 1 }, name: 'taxId' },
    { key: { normalizedName: 1 }, name: 'normalizedName' },
    // The database's own guard against two registrations racing past the duplicate check; withdrawn records leave it.
    { key: { dedupKey: 1 }, name: DEDUP_INDEX, unique: true, partialFilterExpression: { status: 'active' } },
  ]),
  onDuplicate(index, record) {
    if (index !== DEDUP_INDEX) return undefined;
    const field = String(record.dedupKey).startsWith('rut:') ? '/taxId' : '/name';
    return conflict('This organisation is already registered.', [{ pointer: field, message: 'matches a registered organisation' }]);
  },
  async check(input, context) {
    const duplicate = await findDuplicate(input, context);
    if (duplicate !== null) {
      const id = String(duplicate._id);
      const field = typeof input.taxId === 'string' && duplicate.taxId === input.taxId ? '/taxId' : '/name';
      throw conflict(`This organisation is already registered as ${id}.`, [{ pointer: field, message: `matches organisation ${id}` }]);
    }
  },
  derive(input, context) {
    const directors = (input.directors as { name: string }[] | undefined) ?? [];
    const normalizedName = normalizeOrganizationName(String(input.name));
    const merged = context.current?.mergedInto !== undefined;
    return {
      normalizedName,
      dedupKey: merged ? mergedDedupKey(context.current!._id) : dedupKeyOf(input.taxId, normalizedName),
      searchTokens: searchTokens(String(input.name), input.taxId as string, input.lineOfBusiness as string, ...directors.map((d) => d.name)),
    };
  },
  csvColumns: [
    { header: 'id', value: (r) => r.id },
    { header: 'name', value: (r) => r.name },
    { header: 'tax_id', value: (r) => r.taxId },
    { header: 'country', value: (r) => r.country },
    { header: 'roles', value: (r) => r.roles },
    { header: 'line_of_business', value: (r) => r.lineOfBusiness },
    { header: 'merged_into', value: (r) => r.mergedInto },
    { header: 'status', value: (r) => r.status },
    { header: 'registered_at', value: (r) => r.registeredAt },
  ],
};
