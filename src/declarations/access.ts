import type { Filter } from '../db/driver.js';
import type { AccessRules, StoredRecord } from '../records/kind.js';
import { entryAccess, readsAll } from '../records/policy.js';

const keepers = entryAccess({ publicRead: true });

/**
 * A filing is written by its declarant (an official account with that code), a registrar of its institution, or an
 * admin; those and oversight read it whole. Anyone reads the public projection of a submitted filing; a draft is
 * invisible to everyone else (404, so its existence is not disclosed).
 */
export const declarationAccess: AccessRules = {
  ...keepers,
  visibility: {
    canSee: (user, record) => record.state === 'submitted' || keepers.canReadAll(user, record),
    /** Every submitted filing, plus the drafts the caller keeps. */
    filter(user) {
      if (readsAll(user)) return {};
      const submitted = { state: 'submitted' };
      const own = keepers.listScope?.(user);
      return (own === undefined ? submitted : { $or: [submitted, own] }) as Filter<StoredRecord>;
    },
  },
};
