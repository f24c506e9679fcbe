import type { RecordKind } from '../records/kind.js';
import { GIFTS, ORGANIZATIONS, PEOPLE } from './collections.js';
import { entryFilters, entryReferences, idReference, leadingColumns, officialNameTokens, registerAccess, requirePosition, trailingColumns, unique } from './entries.js';
import { listIndexes } from './indexes.js';
import { searchTokens } from './names.js';

interface Donor {
  organization?: string;
  person?: string;
  name?: string;
}

/** Imported InfoLobby gifts name no donor: an entry without one is an entry whose donor the source did not state. */
const donorOf = (input: Record<string, unknown>): Donor => (input.donor as Donor | undefined) ?? {};

export const giftKind: RecordKind = {
  kind: 'gift',
  collection: GIFTS,
  path: '/gifts',
  sortField: 'eventAt',
  datedByDay: true,
  access: registerAccess,
  filters: entryFilters,
  indexes: listIndexes(entryFilters, 'eventAt'),
  references(input) {
    const donor = donorOf(input);
    return [
      ...entryReferences(input),
      ...idReference('/donor/organization', ORGANIZATIONS, donor.organization, 'organisation'),
      ...idReference('/donor/person', PEOPLE, donor.person, 'person'),
    ];
  },
  check: (input, context) => requirePosition(input, String(input.date), String(input.date), context),
  async derive(input, context) {
    const donor = donorOf(input);
    return {
      eventAt: `${String(input.date)}T00:00:00.000Z`,
      searchTokens: unique([
        ...(await officialNameTokens(input, context)),
        ...searchTokens(String(input.description), input.occasion as string | undefined, donor.name, input.code as string | undefined),
      ]),
      organizationIds: donor.organization === undefined ? [] : [donor.organization],
    };
  },
  csvColumns: [
    ...leadingColumns,
    { header: 'date', value: (r) => r.date },
    { header: 'description', value: (r) => r.description },
    { header: 'occasion', value: (r) => r.occasion },
    { header: 'donor', value: (r) => (r.donor as Donor | undefined)?.name ?? (r.donor as Donor | undefined)?.organization },
    { header: 'value_amount', value: (r) => (r.estimatedValue as { amount?: number } | undefined)?.amount },
    { header: 'value_currency', value: (r) => (r.estimatedValue as { currency?: string } | undefined)?.currency },
    ...trailingColumns,
  ],
};
