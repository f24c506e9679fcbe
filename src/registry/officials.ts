import { badRequest, type FieldError } from '../http/errors.js';
import type { RecordKind } from '../records/kind.js';
import { officialAccess } from '../records/policy.js';
import { INSTITUTIONS, OFFICIALS } from './collections.js';
import { listIndexes } from './indexes.js';
import { normalizeText, searchTokens } from './names.js';

interface Position {
  institution: string;
  title: string;
  from: string;
  to?: string;
}

const positionsOf = (input: Record<string, unknown>) => (input.positions as Position[] | undefined) ?? [];
const filters = { institution: 'positions.institution' } as const;

export const officialKind: RecordKind = {
  kind: 'official',
  collection: OFFICIALS,
  path: '/officials',
  naturalId: 'code',
  sortField: 'registeredAt',
  access: officialAccess,
  filters,
  indexes: listIndexes(filters, 'registeredAt'),
  rules(input) {
    const errors: FieldError[] = [];
    positionsOf(input).forEach((position, index) => {
      if (position.to !== undefined && position.to < position.from) errors.push({ pointer: `/positions/${index}/to`, message: 'must not be before from' });
    });
    return errors;
  },
  references: (input) =>
    positionsOf(input).map((position, index) => ({ pointer: `/positions/${index}/institution`, collection: INSTITUTIONS, id: position.institution, what: 'institution' })),
  async check(input, context) {
    if (context.current !== undefined && input.code !== context.current.code) throw badRequest('An official keeps their code.', [{ pointer: '/code', message: 'cannot change' }]);
  },
  derive(input) {
    const name = input.name as { full: string };
    return {
      normalizedName: normalizeText(name.full),
      searchTokens: searchTokens(name.full, String(input.code), ...positionsOf(input).map((p) => p.title)),
    };
  },
  csvColumns: [
    { header: 'code', value: (r) => r.code },
    { header: 'name', value: (r) => (r.name as { full?: string } | undefined)?.full },
    { header: 'positions', value: (r) => positionsOf(r).map((p) => `${p.title}, ${p.institution}, ${p.from}–${p.to ?? ''}`) },
    { header: 'agenda', value: (r) => (r.duties as { agenda?: boolean } | undefined)?.agenda },
    { header: 'declarations', value: (r) => (r.duties as { declarations?: boolean } | undefined)?.declarations },
    { header: 'status', value: (r) => r.status },
    { header: 'registered_at', value: (r) => r.registeredAt },
  ],
};
