import { badRequest } from '../http/errors.js';
import type { RecordKind } from '../records/kind.js';
import { adminKeptAccess } from '../records/policy.js';
import { INSTITUTIONS } from './collections.js';
import { listIndexes } from './indexes.js';
import { normalizeText, searchTokens } from './names.js';

export const institutionKind: RecordKind = {
  kind: 'institution',
  collection: INSTITUTIONS,
  path: '/institutions',
  naturalId: 'code',
  sortField: 'registeredAt',
  access: adminKeptAccess,
  filters: {},
  indexes: listIndexes({}, 'registeredAt'),
  async check(input, context) {
    if (context.current !== undefined && input.code !== context.current.code) throw badRequest('An institution keeps its code.', [{ pointer: '/code', message: 'cannot change' }]);
  },
  derive: (input) => ({ normalizedName: normalizeText(String(input.name)), searchTokens: searchTokens(String(input.name), String(input.code)) }),
  csvColumns: [
    { header: 'code', value: (r) => r.code },
    { header: 'name', value: (r) => r.name },
    { header: 'kind', value: (r) => r.kind },
    { header: 'region', value: (r) => r.region },
    { header: 'status', value: (r) => r.status },
    { header: 'registered_at', value: (r) => r.registeredAt },
  ],
};
