import type { FieldError } from '../http/errors.js';
import type { RecordInput, RecordKind } from '../records/kind.js';
import { AUDIENCE_REQUESTS, MEETINGS, ORGANIZATIONS, PEOPLE } from './collections.js';
import { entryFilters, entryReferences, idReference, leadingColumns, officialNameTokens, organizationRefs, registerAccess, requirePosition, trailingColumns, unique } from './entries.js';
import { listIndexes } from './indexes.js';
import { searchTokens } from './names.js';

interface Attendee {
  person?: string;
  name?: string;
  kind: 'lobbyist' | 'interest-manager';
  paid: boolean;
  represents?: unknown[];
}

const attendeesOf = (input: RecordInput) => (input.attendees as Attendee[] | undefined) ?? [];

export const meetingKind: RecordKind = {
  kind: 'meeting',
  collection: MEETINGS,
  path: '/meetings',
  sortField: 'eventAt',
  access: registerAccess,
  filters: entryFilters,
  indexes: listIndexes(entryFilters, 'eventAt'),
  rules(input) {
    const errors: FieldError[] = [];
    if (typeof input.endsAt === 'string' && Date.parse(input.endsAt) < Date.parse(String(input.startsAt))) {
      errors.push({ pointer: '/endsAt', message: 'must not be before startsAt' });
    }
    attendeesOf(input).forEach((attendee, index) => {
      // The Lobby Act defines a lobbyist as paid and an interest manager as unpaid.
      if (attendee.paid !== (attendee.kind === 'lobbyist')) {
        errors.push({ pointer: `/attendees/${index}/paid`, message: `must be ${attendee.kind === 'lobbyist'} for a ${attendee.kind}` });
      }
    });
    return errors;
  },
  references(input) {
    return [
      ...entryReferences(input),
      ...idReference('/audienceRequest', AUDIENCE_REQUESTS, input.audienceRequest, 'audience request'),
      ...attendeesOf(input).flatMap((attendee, i) => [
        ...idReference(`/attendees/${i}/person`, PEOPLE, attendee.person, 'person'),
        ...((attendee.represents as { organization?: string }[] | undefined) ?? []).flatMap((ref, j) =>
          idReference(`/attendees/${i}/represents/${j}/organization`, ORGANIZATIONS, ref.organization, 'organisation'),
        ),
      ]),
      ...((input.representedEntities as { organization?: string }[] | undefined) ?? []).flatMap((ref, j) =>
        idReference(`/representedEntities/${j}/organization`, ORGANIZATIONS, ref.organization, 'organisation'),
      ),
    ];
  },
  async check(input, context) {
    // The position must be held on the meeting's days where the registry is, whatever offset the times were given in.
    const day = context.calendar.dayOf(String(input.startsAt));
    await requirePosition(input, day, typeof input.endsAt === 'string' ? context.calendar.dayOf(input.endsAt) : day, context);
  },
  async derive(input, context) {
    const attendees = attendeesOf(input);
    const represented = [...attendees.map((a) => organizationRefs(a.represents)), organizationRefs(input.representedEntities)];
    const others = (input.otherAttendees as { name: string }[] | undefined) ?? [];
    return {
      eventAt: new Date(String(input.startsAt)).toISOString(),
      searchTokens: unique([
        ...(await officialNameTokens(input, context)),
        ...searchTokens(
          String(input.subject), input.place as string, input.commune as string, input.code as string,
          ...attendees.map((a) => a.name), ...others.map((o) => o.name), ...represented.flatMap((r) => r.names),
        ),
      ]),
      organizationIds: unique(represented.flatMap((r) => r.ids)),
    };
  },
  csvColumns: [
    ...leadingColumns,
    { header: 'official_position', value: (r) => r.officialPosition },
    { header: 'starts_at', value: (r) => r.startsAt },
    { header: 'ends_at', value: (r) => r.endsAt },
    { header: 'modality', value: (r) => r.modality },
    { header: 'place', value: (r) => r.place },
    { header: 'commune', value: (r) => r.commune },
    { header: 'subject', value: (r) => r.subject },
    { header: 'subject_categories', value: (r) => r.subjectCategories },
    { header: 'attendees', value: (r) => attendeesOf(r).map((a) => `${a.name ?? a.person ?? ''} (${a.kind})`) },
    { header: 'represented', value: (r) => unique([...attendeesOf(r).flatMap((a) => organizationRefs(a.represents).names), ...organizationRefs(r.representedEntities).names]) },
    ...trailingColumns,
  ],
};
