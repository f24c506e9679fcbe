import type { Filter } from '../db/driver.js';
import type { AuthUser } from '../http/types.js';
import type { AccessRules, StoredRecord } from '../records/kind.js';
import { entryAccess, readsAll } from '../records/policy.js';

/**
 * A filing is written by its declarant (an official account with that code), a registrar of its institution, or an
 * admin; those and oversight read it whole. Anyone reads the public projection of a submitted filing; a draft is
 * invisible to everyone else (404, so its existence is not disclosed).
 */
export const declarationAccess: AccessRules = entryAccess({ publicRead: true });

export const isSubmitted = (record: Record<string, unknown>): boolean => record.state === 'submitted';

/** May this caller know the filing exists at all? */
export function canSee(user: AuthUser | undefined, record: Record<string, unknown>): boolean {
  return isSubmitted(record) || declarationAccess.canReadAll(user, record);
}

/** The filings a caller may list: every submitted one, plus the drafts they keep. */
export function visibleFilter(user: AuthUser | undefined): Filter<StoredRecord> {
  if (readsAll(user)) return {};
  const submitted = { state: 'submitted' };
  const own = user === undefined ? undefined : declarationAccess.listScope?.(user);
  return (own === undefined ? submitted : { $or: [submitted, own] }) as Filter<StoredRecord>;
}
