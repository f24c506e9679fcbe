import type { RecordKind } from '../records/kind.js';
import { ORGANIZATIONS, TRIPS } from './collections.js';
import { entryFilters, entryReferences, idReference, leadingColumns, officialNameTokens, organizationRefs, registerAccess, requirePosition, trailingColumns, unique } from './entries.js';
import { listIndexes } from './indexes.js';
import { searchTokens } from './names.js';

interface Funder {
  organization?: string;
  name?: string;
  informed: boolean;
}

const fundersOf = (input: Record<string, unknown>) => (input.funders as Funder[] | undefined) ?? [];

export const tripKind: RecordKind = {
  kind: 'trip',
  collection: TRIPS,
  path: '/trips',
  sortField: 'eventAt',
  datedByDay: true,
  access: registerAccess,
  filters: entryFilters,
  indexes: listIndexes(entryFilters, 'eventAt'),
  rules: (input) => (typeof input.endDate === 'string' && input.endDate < String(input.startDate) ? [{ pointer: '/endDate', message: 'must not be before startDate' }] : []),
  references: (input) => [
    ...entryReferences(input),
    ...fundersOf(input).flatMap((funder, i) => idReference(`/funders/${i}/organization`, ORGANIZATIONS, funder.organization, 'organisation')),
  ],
  check: (input, context) => requirePosition(input, String(input.startDate), String(input.endDate ?? input.startDate), context),
  async derive(input, context) {
    const destination = input.destination as { place: string; country?: string };
    const funders = organizationRefs(input.funders);
    return {
      eventAt: `${String(input.startDate)}T00:00:00.000Z`,
      searchTokens: unique([
        ...(await officialNameTokens(input, context)),
        ...searchTokens(String(input.purpose), destination.place, input.activityKind as string, input.code as string, ...funders.names),
      ]),
      organizationIds: unique(funders.ids),
    };
  },
  csvColumns: [
    ...leadingColumns,
    { header: 'start_date', value: (r) => r.startDate },
    { header: 'end_date', value: (r) => r.endDate },
    { header: 'destination', value: (r) => (r.destination as { place?: string } | undefined)?.place },
    { header: 'country', value: (r) => (r.destination as { country?: string } | undefined)?.country },
    { header: 'purpose', value: (r) => r.purpose },
    { header: 'activity_kind', value: (r) => r.activityKind },
    { header: 'funders', value: (r) => fundersOf(r).map((f) => (f.informed ? (f.name ?? f.organization ?? '') : 'S/I')) },
    { header: 'cost_amount', value: (r) => (r.cost as { amount?: number } | undefined)?.amount },
    { header: 'cost_currency', value: (r) => (r.cost as { currency?: string } | undefined)?.currency },
    ...trailingColumns,
  ],
};
