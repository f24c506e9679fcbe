import type { RecordKind } from '../records/kind.js';
import { entryAccess } from '../records/policy.js';
import { AUDIENCE_REQUESTS, ORGANIZATIONS, PEOPLE } from './collections.js';
import { entryFilters, entryReferences, idReference, leadingColumns, officialNameTokens, organizationRefs, trailingColumns, unique } from './entries.js';
import { listIndexes } from './indexes.js';
import { searchTokens } from './names.js';

interface Requester {
  name: string;
  person?: string;
}

const requestersOf = (input: Record<string, unknown>) => (input.requesters as Requester[] | undefined) ?? [];

/**
 * The lobbyist's side, kept for reconciliation. Not published: only the official, the institution's registrars,
 * oversight and admin see it, so for anyone else it does not exist (404).
 */
export const audienceRequestKind: RecordKind = {
  kind: 'audience-request',
  collection: AUDIENCE_REQUESTS,
  path: '/audience-requests',
  sortField: 'eventAt',
  access: entryAccess({ publicRead: false }),
  // The time of arrival is the server's; the answer is given once through its own route (answers.ts).
  serverFields: ['requestedAt', 'answer'],
  filters: entryFilters,
  indexes: listIndexes(entryFilters, 'eventAt'),
  references: (input) => [
    ...entryReferences(input),
    ...requestersOf(input).flatMap((r, i) => idReference(`/requesters/${i}/person`, PEOPLE, r.person, 'person')),
    ...((input.represents as { organization?: string }[] | undefined) ?? []).flatMap((r, i) => idReference(`/represents/${i}/organization`, ORGANIZATIONS, r.organization, 'organisation')),
  ],
  async derive(input, context) {
    const represented = organizationRefs(input.represents);
    // The 3 business days to answer run from when the request reached the registry, which never moves.
    const requestedAt = (context.current?.requestedAt as string | undefined) ?? new Date().toISOString();
    return {
      requestedAt,
      eventAt: requestedAt,
      searchTokens: unique([
        ...(await officialNameTokens(input, context)),
        ...searchTokens(String(input.subject), input.decisionSought as string, ...requestersOf(input).map((r) => r.name), ...represented.names),
      ]),
      organizationIds: unique(represented.ids),
    };
  },
  csvColumns: [
    ...leadingColumns,
    { header: 'requested_at', value: (r) => r.requestedAt },
    { header: 'requesters', value: (r) => requestersOf(r).map((q) => q.name) },
    { header: 'represents', value: (r) => organizationRefs(r.represents).names },
    { header: 'paid', value: (r) => r.paid },
    { header: 'subject', value: (r) => r.subject },
    { header: 'decision', value: (r) => (r.answer as { decision?: string } | undefined)?.decision },
    ...trailingColumns,
  ],
};
