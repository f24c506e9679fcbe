import { ObjectId } from '../db/driver.js';
import { badRequest, notFound } from '../http/errors.js';
import type { AuthUser } from '../http/types.js';
import type { StoredRecord } from '../records/kind.js';
import { recordIdString } from '../records/repository.js';
import { latestFiling } from './latest.js';
import { matchKeysOf, storedKeysOf } from './organization-keys.js';
import type { DeclarationsService } from './service.js';

export interface DeclaredByQuery {
  limit: number;
  cursor?: string;
}

export const declaredByQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    cursor: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' },
  },
};

/** Where the presented filing names the organisation: the top-level section item and the pointer of the name. */
function mentions(declaration: Record<string, unknown>, keys: Set<string>): { section: string; pointer: string; item: unknown }[] {
  const found: { section: string; pointer: string; item: unknown }[] = [];
  const walk = (node: unknown, pointer: string, section: string, item: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walk(child, `${pointer}/${index}`, section, item ?? child));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const entity = node as Record<string, unknown>;
    if (typeof entity.name === 'string' && storedKeysOf(entity).some((key) => keys.has(key))) found.push({ section, pointer, item });
    for (const [field, child] of Object.entries(entity)) walk(child, `${pointer}/${field}`, section, item);
  };
  for (const [section, value] of Object.entries(declaration)) if (Array.isArray(value)) walk(value, `/${section}`, section, undefined);
  return found;
}

const decodeCursor = (cursor: string): string => {
  const official = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9]{1,20}$/.test(official)) throw badRequest('The cursor is not one this server gave.', [{ pointer: '/query/cursor', message: 'is not a valid cursor' }]);
  return official;
};

/**
 * The officials whose current declaration names an organisation (by tax id, else normalised name, including the
 * duplicates merged into it), in code order, each with the filing and where it names the organisation.
 */
export async function declaredBy(service: DeclarationsService, rawId: string, query: DeclaredByQuery, user: AuthUser | undefined) {
  const { repo } = service;
  const [organization] = /^[0-9a-f]{24}$/.test(rawId) ? await repo.findOrganizations([new ObjectId(rawId)]) : [];
  if (organization === undefined) throw notFound('No organization has this id.');
  const merged = Array.isArray(organization.mergedFrom) ? (organization.mergedFrom as string[]).filter((id) => /^[0-9a-f]{24}$/.test(id)) : [];
  const aliases = merged.length > 0 ? await repo.findOrganizations(merged.map((id) => new ObjectId(id))) : [];
  const keys = [...new Set([organization, ...aliases].flatMap((entity) => matchKeysOf({ name: entity.name, taxId: entity.taxId })))];
  const wanted = new Set(keys);

  const items: Record<string, unknown>[] = [];
  let after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  let more = true;
  // Officials named only in superseded filings drop out, so read candidates in batches until the page is full.
  while (items.length <= query.limit && more) {
    const officials = (await repo.officialsNaming(keys, after)).slice(0, query.limit + 1);
    more = officials.length > query.limit;
    if (officials.length === 0) break;
    after = officials[officials.length - 1];
    const summaries = await repo.submittedOf(officials);
    const current = officials
      .map((official) => latestFiling(summaries.filter((s) => s.official === official).map((s) => ({ ...s, id: recordIdString(s._id) }))))
      .filter((filing) => filing !== undefined);
    const filings = await repo.findByIds(current.map((filing) => filing._id));
    for (const record of filings.sort((a, b) => String(a.official).localeCompare(String(b.official)))) {
      if (!(record.organizationKeys as string[] | undefined)?.some((key) => wanted.has(key))) continue;
      items.push(entryOf(service.present(record as StoredRecord, user), wanted));
    }
  }
  const page = items.slice(0, query.limit);
  const next = items.length > query.limit ? Buffer.from(String(page[page.length - 1].official)).toString('base64url') : null;
  return { organization: recordIdString(organization._id), items: page, next, limit: query.limit };
}

function entryOf(declaration: Record<string, unknown>, keys: Set<string>): Record<string, unknown> {
  return {
    official: declaration.official,
    institution: declaration.institution,
    declaration: declaration.id,
    type: declaration.type,
    submittedAt: declaration.submittedAt,
    mentions: mentions(declaration, keys),
  };
}
