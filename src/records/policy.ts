import type { Filter } from '../db/driver.js';
import type { AuthUser, Role } from '../http/types.js';
import type { AccessRules, RecordInput, StoredRecord } from './kind.js';

const READ_ALL: readonly Role[] = ['oversight', 'admin'];

export const readsAll = (user: AuthUser | undefined): boolean => user !== undefined && READ_ALL.includes(user.role);

/**
 * A register entry belongs to one official at one institution: the official writes their own, a registrar those
 * of their institutions, an admin any; oversight and admin read all. `official` and `institution` are field names.
 */
export function entryAccess(options: { publicRead: boolean; official?: string; institution?: string } = { publicRead: true }): AccessRules {
  const officialField = options.official ?? 'official';
  const institutionField = options.institution ?? 'institution';
  const canWrite = (user: AuthUser, record: RecordInput) => {
    if (user.role === 'admin') return true;
    if (user.role === 'official') return user.official !== undefined && record[officialField] === user.official;
    if (user.role === 'registrar') return user.institutions.includes(String(record[institutionField]));
    return false;
  };
  return {
    createRoles: ['official', 'registrar', 'admin'],
    canWrite,
    canReadAll: (user, record) => user !== undefined && (readsAll(user) || canWrite(user, record)),
    publicRead: options.publicRead,
    listScope: keptScope,
    readAllScope: keptScope,
  };

  // Who keeps or oversees an entry: the same records a user may list when the register is not public, and the ones
  // they read whole.
  function keptScope(user: AuthUser | undefined): Filter<StoredRecord> | undefined {
    if (user === undefined) return undefined;
    if (readsAll(user)) return {};
    if (user.role === 'official') return user.official === undefined ? undefined : ({ [officialField]: user.official } as Filter<StoredRecord>);
    if (user.role === 'registrar') return { [institutionField]: { $in: user.institutions } } as Filter<StoredRecord>;
    return undefined;
  }
}

/** The records a user reads whole when the access rules say nothing more precise: oversight and admin read all. */
export function readAllScopeOf(access: AccessRules, user: AuthUser | undefined): Filter<StoredRecord> | undefined {
  if (access.readAllScope !== undefined) return access.readAllScope(user);
  return readsAll(user) ? {} : undefined;
}

/** Reference data kept by the administrators (institutions); public, all of it. */
export const adminKeptAccess: AccessRules = {
  createRoles: ['admin'],
  canWrite: (user) => user.role === 'admin',
  canReadAll: readsAll,
  publicRead: true,
};

/** Officials: registered by an admin, or by a registrar of every institution the official holds or held a post in. */
export const officialAccess: AccessRules = {
  createRoles: ['admin', 'registrar'],
  canWrite(user, record) {
    if (user.role === 'admin') return true;
    if (user.role !== 'registrar') return false;
    const positions = Array.isArray(record.positions) ? (record.positions as { institution?: string }[]) : [];
    return positions.length > 0 && positions.every((position) => user.institutions.includes(String(position.institution)));
  },
  canReadAll(user, record) {
    return readsAll(user) || (user !== undefined && officialAccess.canWrite(user, record));
  },
  publicRead: true,
};

/** People and organisations on the other side: anyone signed in adds them; the author, oversight and admin change them. */
export const counterpartAccess: AccessRules = {
  createRoles: ['official', 'registrar', 'oversight', 'admin'],
  canWrite: (user, record) => readsAll(user) || record.createdBy === undefined || record.createdBy === user.id,
  canReadAll: (user, record) => readsAll(user) || (user !== undefined && record.createdBy === user.id),
  readAllScope: (user) => (user === undefined ? undefined : readsAll(user) ? {} : ({ createdBy: user.id } as Filter<StoredRecord>)),
  publicRead: true,
};
