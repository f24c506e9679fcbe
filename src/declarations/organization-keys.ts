import { normalizeOrganizationName } from '../registry/names.js';
import { normalizeRut } from '../registry/rut.js';

interface Named {
  name?: unknown;
  taxId?: unknown;
}

const rutOf = (entity: Named): string | undefined => (typeof entity.taxId === 'string' ? normalizeRut(entity.taxId) : undefined);
const nameOf = (entity: Named): string | undefined => {
  const name = typeof entity.name === 'string' ? normalizeOrganizationName(entity.name) : '';
  return name === '' ? undefined : name;
};

/**
 * The keys stored for one organisation named in a filing: `rut:` its tax id, `name:` its name without legal form
 * ("Minera Los Andes S.A." = "MINERA LOS ANDES"), and `noid:` the name again when no tax id was given.
 */
export function storedKeysOf(entity: Named): string[] {
  const rut = rutOf(entity);
  const name = nameOf(entity);
  return [
    ...(rut !== undefined ? [`rut:${rut}`] : []),
    ...(name !== undefined ? [`name:${name}`] : []),
    ...(name !== undefined && rut === undefined ? [`noid:${name}`] : []),
  ];
}

/**
 * The stored keys that name this organisation, matching by tax id, else by normalised name: an organisation with a
 * tax id is the item with that tax id or an item of its name declared without one (two different tax ids are two
 * companies, whatever their names); one without a tax id is any item of its name.
 */
export function matchKeysOf(organization: Named): string[] {
  const rut = rutOf(organization);
  const name = nameOf(organization);
  if (rut !== undefined) return [`rut:${rut}`, ...(name !== undefined ? [`noid:${name}`] : [])];
  return name !== undefined ? [`name:${name}`] : [];
}

const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);

/** Companies and issuers held in an assets block (the declarant's own, a spouse's, a child's). */
function holdings(assets: Record<string, unknown>): Named[] {
  return [...list(assets.companyStakes), ...list(assets.securities).map((security) => (security.issuer ?? {}) as Named)];
}

/**
 * Every organisation a filing names as a holding, an activity, a mandate administrator or another interest, as
 * match keys; stored on the filing and indexed, so search by company is an index lookup.
 */
export function declarationOrganizationKeys(declaration: Record<string, unknown>): string[] {
  const named: Named[] = [
    ...holdings(declaration),
    ...list(declaration.activities).map((activity) => (activity.organization ?? {}) as Named),
    ...list(declaration.mandates).map((mandate) => (mandate.administrator ?? {}) as Named),
    ...list(declaration.otherInterests).map((interest) => (interest.organization ?? {}) as Named),
  ];
  for (const spouse of list(declaration.spouseOrPartner)) {
    named.push(...list(spouse.activities).map((activity) => (activity.organization ?? {}) as Named));
    named.push(...holdings((spouse.assets ?? {}) as Record<string, unknown>));
  }
  for (const child of list(declaration.childrenAndWardsAssets)) named.push(...holdings((child.assets ?? {}) as Record<string, unknown>));
  const keys = new Set<string>();
  for (const entity of named) {
    for (const key of storedKeysOf(entity)) keys.add(key);
  }
  return [...keys].sort();
}
