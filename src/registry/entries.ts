import { conflict, unprocessable } from '../http/errors.js';
import type { CheckContext, RecordInput, Reference } from '../records/kind.js';
import { entryAccess } from '../records/policy.js';
import { searchTokens } from './names.js';
import { INSTITUTIONS, OFFICIALS } from './collections.js';
import { ObjectId } from '../db/driver.js';

interface Position {
  institution: string;
  from: string;
  to?: string;
}

/** The official and institution every register entry names must be registered. */
export function entryReferences(input: RecordInput): Reference[] {
  return [
    { pointer: '/official', collection: OFFICIALS, id: String(input.official), what: 'official' },
    { pointer: '/institution', collection: INSTITUTIONS, id: String(input.institution), what: 'institution' },
  ];
}

/** A reference by ObjectId to another register; an id that cannot be one is already refused by the schema. */
export function idReference(pointer: string, collection: string, id: unknown, what: string): Reference[] {
  return typeof id === 'string' && /^[0-9a-f]{24}$/.test(id) ? [{ pointer, collection, id: new ObjectId(id), what }] : [];
}

/**
 * The official kept this register on the entry's dates: a post at the entry's institution covering [first, last]
 * (dates YYYY-MM-DD, in the entry's own local time) and the agenda duty.
 */
export async function requirePosition(input: RecordInput, first: string, last: string, context: CheckContext): Promise<void> {
  const official = await context.find(OFFICIALS, String(input.official));
  if (official === null) return;
  if ((official.duties as { agenda?: boolean } | undefined)?.agenda !== true) {
    throw unprocessable('The official does not keep a lobby agenda.', [{ pointer: '/official', message: 'has no agenda duty' }]);
  }
  const positions = (official.positions as Position[] | undefined) ?? [];
  const held = positions.some((p) => p.institution === input.institution && p.from <= first && (p.to === undefined || p.to >= last));
  if (!held) {
    throw unprocessable('The official held no post at this institution on that date.', [
      { pointer: '/institution', message: `is not where the official held a post on ${first}` },
    ]);
  }
  if (official.status === 'withdrawn') throw conflict('The official is withdrawn.');
}

/** The official's name belongs to every entry's search words, so searching a name finds the agenda. */
export async function officialNameTokens(input: RecordInput, context: CheckContext): Promise<string[]> {
  const official = await context.find(OFFICIALS, String(input.official));
  const name = official?.name as { full?: string } | undefined;
  return searchTokens(name?.full, String(input.official));
}

/** Names in organisation references, and the ids of the registered ones. */
export function organizationRefs(refs: unknown): { names: string[]; ids: string[] } {
  const list = Array.isArray(refs) ? (refs as { organization?: string; name?: string }[]) : [];
  return {
    names: list.map((ref) => ref.name).filter((name): name is string => typeof name === 'string'),
    ids: list.map((ref) => ref.organization).filter((id): id is string => typeof id === 'string'),
  };
}

export const unique = (values: string[]): string[] => [...new Set(values)];

export const registerAccess = entryAccess({ publicRead: true });
export const entryFilters = { official: 'official', institution: 'institution', organization: 'organizationIds' } as const;

/** Columns every entry's CSV starts and ends with. */
export const leadingColumns = [
  { header: 'id', value: (r: RecordInput) => r.id },
  { header: 'code', value: (r: RecordInput) => r.code },
  { header: 'official', value: (r: RecordInput) => r.official },
  { header: 'institution', value: (r: RecordInput) => r.institution },
];
export const trailingColumns = [
  { header: 'status', value: (r: RecordInput) => r.status },
  { header: 'withdrawal_reason', value: (r: RecordInput) => (r.withdrawal as { reason?: string } | undefined)?.reason },
  { header: 'registered_at', value: (r: RecordInput) => r.registeredAt },
  { header: 'updated_at', value: (r: RecordInput) => r.updatedAt },
];
