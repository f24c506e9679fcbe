import { unprocessable } from '../http/errors.js';
import type { CheckContext, RecordInput, RecordKind } from '../records/kind.js';
import { ObjectId } from '../db/driver.js';
import { declarationAccess } from './access.js';
import { DECLARATIONS, INSTITUTIONS, OFFICIALS } from './collections.js';
import { declarationColumns } from './csv-columns.js';
import { declarationListParameters } from './list-query.js';
import { declarationOrganizationKeys } from './organization-keys.js';
import { presentDeclaration } from './presenter.js';
import { declarationRules } from './rules.js';

interface Position {
  institution: string;
}

/** The official files declarations and held (or holds) a post at the filing's institution. */
async function checkDeclarant(input: RecordInput, context: CheckContext): Promise<void> {
  const official = await context.find(OFFICIALS, String(input.official));
  if (official === null) return;
  if ((official.duties as { declarations?: boolean } | undefined)?.declarations !== true) {
    throw unprocessable('The official does not file declarations of interests and assets.', [{ pointer: '/official', message: 'has no declarations duty' }]);
  }
  const positions = (official.positions as Position[] | undefined) ?? [];
  if (!positions.some((position) => position.institution === input.institution)) {
    throw unprocessable('The official holds no post at this institution.', [{ pointer: '/institution', message: 'is not an institution where the official holds a post' }]);
  }
}

/** A rectification corrects a submitted filing of the same official. */
async function checkRectified(input: RecordInput, context: CheckContext): Promise<void> {
  if (typeof input.rectifies !== 'string') return;
  const target = /^[0-9a-f]{24}$/.test(input.rectifies) ? await context.find(DECLARATIONS, new ObjectId(input.rectifies)) : null;
  const problem =
    target === null ? 'names no registered declaration'
    : target.official !== input.official ? 'names a declaration of another official'
    : target.state !== 'submitted' ? 'names a draft; only a submitted declaration is rectified'
    : undefined;
  if (problem !== undefined) throw unprocessable('The rectified declaration is not one this filing can correct.', [{ pointer: '/rectifies', message: problem }]);
}

export const declarationKind: RecordKind = {
  kind: 'declaration',
  collection: DECLARATIONS,
  path: '/declarations',
  sortField: 'registeredAt',
  access: declarationAccess,
  serverFields: ['state', 'submittedAt', 'organizationKeys'],
  // A correction is a new rectification filing; the submitted one stays as it was, and is never withdrawn.
  locked: (record) => (record.state === 'draft' ? undefined : 'A submitted declaration never changes; file a rectification instead.'),
  withdrawable: false,
  filters: {},
  listParameters: declarationListParameters,
  present: presentDeclaration,
  summaries: {
    list: 'List declarations, newest first, by official, institution, type, year of submission or state (JSON or CSV)',
    create: 'Start a draft declaration',
    get: 'One declaration (a draft only for those who keep or oversee it)',
    replace: 'Replace a draft declaration (If-Match required; a submitted one answers 409)',
    patch: 'Change fields of a draft declaration (If-Match required; a submitted one answers 409)',
    revisions: 'Every version of a declaration: who, when, why, which fields',
  },
  indexes: [
    { key: { registeredAt: -1, _id: -1 }, name: 'registeredAt_id' },
    { key: { official: 1, registeredAt: -1, _id: -1 }, name: 'official_registeredAt' },
    { key: { institution: 1, registeredAt: -1, _id: -1 }, name: 'institution_registeredAt' },
    { key: { type: 1, registeredAt: -1, _id: -1 }, name: 'type_registeredAt' },
    // The public sees submitted filings only, so nearly every list filters on state.
    { key: { state: 1, registeredAt: -1, _id: -1 }, name: 'state_registeredAt' },
    { key: { submittedAt: 1 }, name: 'submittedAt', sparse: true },
    { key: { official: 1, state: 1, submittedAt: -1 }, name: 'official_state_submittedAt' },
    { key: { organizationKeys: 1, state: 1 }, name: 'organizationKeys_state' },
    { key: { rectifies: 1 }, name: 'rectifies', sparse: true },
  ],
  rules: declarationRules,
  references: (input) => [
    { pointer: '/official', collection: OFFICIALS, id: String(input.official), what: 'official' },
    { pointer: '/institution', collection: INSTITUTIONS, id: String(input.institution), what: 'institution' },
  ],
  async check(input, context) {
    await checkDeclarant(input, context);
    await checkRectified(input, context);
  },
  // Only drafts are written through create and update; submission sets state and submittedAt itself.
  derive: (input) => ({ state: 'draft', organizationKeys: declarationOrganizationKeys(input) }),
  csvColumns: declarationColumns,
};
