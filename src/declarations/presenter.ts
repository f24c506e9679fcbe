import type { AuthUser } from '../http/types.js';
import type { StoredRecord } from '../records/kind.js';
import { presentRecord } from '../records/presenter.js';
import type { SchemaRegistry } from '../schemas/registry.js';
import { declarationAccess } from './access.js';

interface Relative {
  relationship?: string;
  degree?: number;
}

/** DS 2 publishes only first-degree relatives in the direct line; the rest of the list is reserved. */
const PUBLISHED_RELATIONSHIPS = new Set(['parent', 'child']);
const isPublishedRelative = (relative: Relative) =>
  PUBLISHED_RELATIONSHIPS.has(String(relative.relationship)) && (relative.degree === undefined || relative.degree === 1);

/**
 * The only way a declaration reaches the wire: whole for those who keep or oversee it; for everyone else the
 * schema's public projection, with relatives cut to those the law publishes. The search keys are never shown.
 */
export function presentDeclaration(schemas: SchemaRegistry, record: StoredRecord, user: AuthUser | undefined): Record<string, unknown> {
  const full = declarationAccess.canReadAll(user, record);
  const shown = presentRecord(schemas, 'declaration', record, full);
  delete shown.organizationKeys;
  if (!full && Array.isArray(shown.relatives)) shown.relatives = (shown.relatives as Relative[]).filter(isPublishedRelative);
  return shown;
}

/** A body the records machinery already presented in full (a create answer): only the search keys go. */
export function withoutSearchKeys(body: Record<string, unknown>): Record<string, unknown> {
  const { organizationKeys: _keys, ...rest } = body;
  return rest;
}
