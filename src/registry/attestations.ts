import { conflict } from '../http/errors.js';
import { daysOf, startOfNextDay } from '../records/calendar.js';
import type { RecordKind } from '../records/kind.js';
import { ATTESTATIONS } from './collections.js';
import { entryReferences, leadingColumns, officialNameTokens, registerAccess, requirePosition, trailingColumns } from './entries.js';
import { giftKind } from './gifts.js';
import { listIndexes } from './indexes.js';
import { meetingKind } from './meetings.js';
import { tripKind } from './trips.js';

const filters = { official: 'official', institution: 'institution' } as const;

/** First and last day of a YYYY-MM month. */
function monthDays(month: string): [string, string] {
  const [year, monthNumber] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

const MONTH_INDEX = 'official_month_active';

const monthTaken = () => conflict('This official already attested this month.', [{ pointer: '/month', message: 'is already attested' }]);

export const attestationKind: RecordKind = {
  kind: 'attestation',
  collection: ATTESTATIONS,
  path: '/attestations',
  sortField: 'eventAt',
  datedByDay: true,
  access: registerAccess,
  filters,
  // One active attestation per official and month, kept by the database too: two racing posts both pass `check`.
  indexes: listIndexes(filters, 'eventAt', [{ key: { official: 1, month: 1 }, name: MONTH_INDEX, unique: true, partialFilterExpression: { status: 'active' } }]),
  onDuplicate: (index) => (index === MONTH_INDEX ? monthTaken() : undefined),
  references: entryReferences,
  async check(input, context) {
    const [first, last] = monthDays(String(input.month));
    await requirePosition(input, first, last, context);
    const twin = await context.findOne(ATTESTATIONS, { official: input.official, month: input.month, status: { $ne: 'withdrawn' } });
    if (twin !== null && String(twin._id) !== String(context.current?._id)) {
      throw monthTaken();
    }
    // A nil return may not contradict the register: a month with entries is not a month of nothing.
    const covers = input.covers as { meetings: boolean; trips: boolean; gifts: boolean };
    // The month as each register counts days: meetings are instants in the registry's time zone; trips and gifts are
    // dated by day.
    for (const [register, kind] of [['meetings', meetingKind], ['trips', tripKind], ['gifts', giftKind]] as const) {
      if (!covers[register]) continue;
      const days = daysOf(kind, context.calendar);
      const range = { $gte: days.startOfDay(first), $lt: startOfNextDay(days, last) };
      const entry = await context.findOne(kind.collection, { official: input.official, [kind.sortField]: range, status: { $ne: 'withdrawn' } });
      if (entry !== null) throw conflict(`The official has ${register} registered that month.`, [{ pointer: `/covers/${register}`, message: `cannot be true: ${register} are registered that month` }]);
    }
  },
  async derive(input, context) {
    return { eventAt: `${String(input.month)}-01T00:00:00.000Z`, searchTokens: [...(await officialNameTokens(input, context)), String(input.month)] };
  },
  csvColumns: [
    ...leadingColumns,
    { header: 'month', value: (r) => r.month },
    { header: 'no_meetings', value: (r) => (r.covers as { meetings?: boolean } | undefined)?.meetings },
    { header: 'no_trips', value: (r) => (r.covers as { trips?: boolean } | undefined)?.trips },
    { header: 'no_gifts', value: (r) => (r.covers as { gifts?: boolean } | undefined)?.gifts },
    { header: 'statement', value: (r) => r.statement },
    ...trailingColumns,
  ],
};
