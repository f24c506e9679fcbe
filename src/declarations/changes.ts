import { isDeepStrictEqual } from 'node:util';
import { normalizeOrganizationName, normalizeText } from '../registry/names.js';
import { normalizeRut } from '../registry/rut.js';

/**
 * What changed between two filings of the same official, section by section, so that oversight reads
 * "sold 30% of Minera Los Andes" rather than two long lists. Items are paired by a natural key (the same
 * company is the same item whatever its position in the list); an item with no key is compared whole.
 */

type Item = Record<string, unknown>;
export type Declaration = Record<string, unknown>;

export interface ChangedItem {
  before: unknown;
  after: unknown;
  /** Top-level fields of the item that differ, sorted. */
  fields: string[];
}

export interface SectionChanges {
  added: unknown[];
  removed: unknown[];
  changed: ChangedItem[];
}

export interface FieldChange {
  /** Dotted path, e.g. "declarant.civilStatus". */
  field: string;
  before: unknown;
  after: unknown;
}

export interface DeclarationChanges {
  /** Changes outside the sections (declarant data, type, note...), sorted by field. */
  fields: FieldChange[];
  /** Every section, in the order of DECLARATION_SECTIONS, even when unchanged. */
  sections: Record<string, SectionChanges>;
}

type NaturalKey = (item: Item) => string | undefined;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && normalizeText(value) !== '' ? normalizeText(value) : undefined;

const rut = (value: unknown): string | undefined => (typeof value === 'string' ? normalizeRut(value) : undefined);

const asItem = (value: unknown): Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Item) : {};

/** An organisation is the same by tax id, else by its name without legal form. */
const entity = (value: unknown): string | undefined => {
  const { taxId, name } = asItem(value);
  const byTaxId = rut(taxId);
  if (byTaxId !== undefined) return `rut:${byTaxId}`;
  return typeof name === 'string' && normalizeOrganizationName(name) !== '' ? `name:${normalizeOrganizationName(name)}` : undefined;
};

/** A person is the same by RUN, else by full name. */
const person = (item: Item): string | undefined => {
  const byRun = rut(item.run);
  if (byRun !== undefined) return `run:${byRun}`;
  const name = text(asItem(item.name).full);
  return name === undefined ? undefined : `name:${name}`;
};

/** All parts present, or no key at all: a partial key would pair unrelated items. */
const all = (...parts: (string | number | undefined)[]): string | undefined =>
  parts.every((part) => part !== undefined && part !== '') ? parts.join('|') : undefined;

const year = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const plate = (value: unknown): string | undefined =>
  typeof value === 'string' && value.replace(/[^A-Za-z0-9]/g, '') !== '' ? value.replace(/[^A-Za-z0-9]/g, '').toUpperCase() : undefined;

/** Section name → natural key of its items, in the order sections appear in the filing form. */
export const DECLARATION_SECTIONS: ReadonlyArray<readonly [string, NaturalKey]> = [
  ['activities', (i) => all(text(i.kind), text(i.period), entity(i.organization) ?? text(i.description))],
  ['realEstate', (i) => all(text(i.commune), text(i.address), text(i.acquisitionDate)) ?? all(text(i.taxRoll))],
  ['waterRights', (i) => all(text(i.registration)) ?? all(text(i.kind), text(i.source), text(i.commune))],
  ['concessions', (i) => all(text(i.kind), text(i.registration) ?? text(i.name))],
  ['vehicles', (i) => all(plate(i.plate)) ?? all(text(i.make), text(i.model), year(i.year))],
  ['shipsAndAircraft', (i) => all(text(i.kind), text(i.registration) ?? all(text(i.make), text(i.model), year(i.year)) ?? text(i.name))],
  ['companyStakes', (i) => entity(i)],
  ['securities', (i) => all(text(i.kind), entity(i.issuer))],
  ['mandates', (i) => all(text(i.kind), entity(i.administrator))],
  ['liabilities', (i) => all(text(i.kind), entity(i.creditor), String(i.childSupport === true))],
  ['spouseOrPartner', person],
  ['childrenAndWardsAssets', person],
  ['relatives', person],
  ['otherInterests', () => undefined],
];

/** Server bookkeeping: it differs between any two filings and says nothing about the declarant. */
const BOOKKEEPING = new Set([
  'id', '_id', 'registeredAt', 'updatedAt', 'createdBy', 'revision', 'state', 'submittedAt', 'status', 'withdrawal',
  'organizationKeys',
]);

export function declarationChanges(older: Declaration, newer: Declaration): DeclarationChanges {
  const sections: Record<string, SectionChanges> = {};
  for (const [section, key] of DECLARATION_SECTIONS) {
    sections[section] = sectionChanges(itemsOf(older[section]), itemsOf(newer[section]), key);
  }
  const sectionNames = new Set(DECLARATION_SECTIONS.map(([section]) => section));
  const fields: FieldChange[] = [];
  collectFieldChanges(older, newer, '', (name) => !BOOKKEEPING.has(name) && !sectionNames.has(name), fields);
  fields.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  return { fields, sections };
}

function itemsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Pairs items with equal keys in list order; identical items are left out. Keyless items (and keyed ones left
 * without a partner) pair only with an identical item; what remains is added or removed.
 */
function sectionChanges(before: unknown[], after: unknown[], key: NaturalKey): SectionChanges {
  const result: SectionChanges = { added: [], removed: [], changed: [] };
  const unmatchedBefore = new Set(before.map((_, index) => index));
  const keyOf = (item: unknown) => key(asItem(item));

  const partnerOf: (number | undefined)[] = after.map(() => undefined);
  const byKey = new Map<string, number[]>();
  before.forEach((item, index) => {
    const k = keyOf(item);
    if (k !== undefined) byKey.set(k, [...(byKey.get(k) ?? []), index]);
  });
  // Identical items first, so that a reordered list with duplicate keys does not report spurious changes.
  after.forEach((item, index) => {
    const found = [...unmatchedBefore].find((b) => isDeepStrictEqual(before[b], item));
    if (found !== undefined) {
      partnerOf[index] = found;
      unmatchedBefore.delete(found);
    }
  });
  after.forEach((item, index) => {
    if (partnerOf[index] !== undefined) return;
    const k = keyOf(item);
    const candidates = k === undefined ? [] : (byKey.get(k) ?? []).filter((b) => unmatchedBefore.has(b));
    if (candidates.length === 0) {
      result.added.push(item);
      return;
    }
    unmatchedBefore.delete(candidates[0]);
    partnerOf[index] = candidates[0];
    result.changed.push({ before: before[candidates[0]], after: item, fields: differingFields(before[candidates[0]], item) });
  });
  for (const index of [...unmatchedBefore].sort((a, b) => a - b)) result.removed.push(before[index]);
  return result;
}

function differingFields(before: unknown, after: unknown): string[] {
  const a = asItem(before);
  const b = asItem(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => !isDeepStrictEqual(a[field], b[field])).sort();
}

/** Plain objects are walked so a change reads "declarant.civilStatus", not "declarant". */
function collectFieldChanges(
  before: Item,
  after: Item,
  prefix: string,
  include: (name: string) => boolean,
  out: FieldChange[],
): void {
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (prefix === '' && !include(name)) continue;
    const a = before[name];
    const b = after[name];
    if (isDeepStrictEqual(a, b)) continue;
    if (isPlainRecord(a) && isPlainRecord(b)) collectFieldChanges(a, b, `${prefix}${name}.`, include, out);
    else out.push({ field: `${prefix}${name}`, before: a, after: b });
  }
}

function isPlainRecord(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
