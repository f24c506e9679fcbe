import type { RecordKind } from '../records/kind.js';
import { counterpartAccess } from '../records/policy.js';
import { ORGANIZATIONS, PEOPLE } from './collections.js';
import { idReference } from './entries.js';
import { listIndexes } from './indexes.js';
import { normalizeText, searchTokens } from './names.js';

const filters = { organization: 'organization' } as const;

export const personKind: RecordKind = {
  kind: 'person',
  collection: PEOPLE,
  path: '/people',
  sortField: 'registeredAt',
  access: counterpartAccess,
  filters,
  indexes: listIndexes(filters, 'registeredAt'),
  references: (input) => idReference('/organization', ORGANIZATIONS, input.organization, 'organisation'),
  derive(input) {
    const name = input.name as { full: string };
    return { normalizedName: normalizeText(name.full), searchTokens: searchTokens(name.full) };
  },
  csvColumns: [
    { header: 'id', value: (r) => r.id },
    { header: 'name', value: (r) => (r.name as { full?: string } | undefined)?.full },
    { header: 'kind', value: (r) => r.kind },
    { header: 'organization', value: (r) => r.organization },
    { header: 'status', value: (r) => r.status },
    { header: 'registered_at', value: (r) => r.registeredAt },
  ],
};
