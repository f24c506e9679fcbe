import type { AuditActor, Audit } from '../audit/audit.js';
import type { Database } from '../db/database.js';
import { ObjectId, type ClientSession } from '../db/driver.js';
import { parseId } from '../db/stored.js';
import { conflict, notFound, unauthorized } from '../http/errors.js';
import type { AuthUser } from '../http/types.js';
import type { User, UserInput, UserRoleChange } from '../types/schemas.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';
import { toAuthUser } from './presenter.js';
import { usersRepository, type StoredUser } from './repository.js';

export interface ActionContext {
  actor: AuditActor;
  requestId?: string;
}

const LAST_ADMIN = 'This is the last active admin: make another account admin before demoting or disabling it.';

const BAD_CREDENTIALS = 'The email or password is wrong, or the account is disabled.';

export function accountsService(db: Database, audit: Audit) {
  const users = usersRepository(db);

  const requireUser = async (id: string): Promise<StoredUser> => {
    const objectId = parseId(id);
    const user = objectId && (await users.findById(objectId));
    if (!user) throw notFound('No user has this id.');
    return user;
  };

  // Without an active admin nobody could manage accounts again short of the command line; checked inside the
  // transaction, the account read again there, so the count and the write see the same data, and behind the
  // guard, so two such changes at once cannot both pass.
  const refuseLastAdmin = async (user: StoredUser, session: ClientSession): Promise<void> => {
    await users.guardActiveAdmins(session);
    const current = (await users.findById(user._id, session)) ?? user;
    if (current.role === 'admin' && current.disabled !== true && (await users.countActiveAdmins(session)) <= 1) throw conflict(LAST_ADMIN);
  };

  return {
    requireUser,

    async create(input: UserInput, context: ActionContext): Promise<StoredUser> {
      const email = input.email.trim().toLowerCase();
      if (await users.findByEmail(email)) throw conflict('An account with this email exists.', [{ pointer: '/email', message: 'is already used' }]);
      const now = new Date().toISOString();
      const { password, ...fields } = input;
      const user: StoredUser = { _id: new ObjectId(), ...fields, email, institutions: input.institutions ?? [], disabled: false, createdAt: now, updatedAt: now };
      const hash = await hashPassword(password!);
      await db.withTransaction(async (session) => {
        await users.insert(user, hash, session);
        await audit.append({ action: 'user.create', subject: { kind: 'user', id: user._id.toHexString() }, ...context }, session);
      });
      return user;
    },

    async changeRole(id: string, change: UserRoleChange, context: ActionContext): Promise<StoredUser> {
      const user = await requireUser(id);
      const set: Partial<StoredUser> = { role: change.role, institutions: change.institutions ?? [], updatedAt: new Date().toISOString() };
      if (change.official !== undefined) set.official = change.official;
      const unset: (keyof User)[] = change.official === undefined ? ['official'] : [];
      return db.withTransaction(async (session) => {
        if (change.role !== 'admin') await refuseLastAdmin(user, session);
        const updated = await users.update(user._id, set, unset, session);
        await audit.append({ action: 'user.change-role', subject: { kind: 'user', id }, changes: ['role', 'institutions', 'official'], ...context }, session);
        return updated!;
      });
    },

    async setDisabled(id: string, disabled: boolean, context: ActionContext): Promise<StoredUser> {
      const user = await requireUser(id);
      if (disabled && context.actor.id === id) throw conflict('You cannot disable your own account.');
      return db.withTransaction(async (session) => {
        if (disabled) await refuseLastAdmin(user, session);
        const updated = await users.update(user._id, { disabled, updatedAt: new Date().toISOString() }, [], session);
        await audit.append({ action: disabled ? 'user.disable' : 'user.enable', subject: { kind: 'user', id }, changes: ['disabled'], ...context }, session);
        return updated!;
      });
    },

    /** The same refusal, after the same amount of hashing, whether the email is unknown, the password wrong or the account disabled. */
    async signIn(email: string, password: string): Promise<StoredUser> {
      const user = await users.findByEmail(email.trim().toLowerCase());
      const hash = user ? await users.passwordHash(user._id) : undefined;
      const ok = hash ? await verifyPassword(password, hash) : await verifyAgainstDummy(password);
      if (!ok || !user || user.disabled === true) throw unauthorized(BAD_CREDENTIALS);
      return user;
    },

    async loadActiveUser(id: string): Promise<AuthUser | undefined> {
      const objectId = parseId(id);
      const user = objectId && (await users.findById(objectId));
      return user && user.disabled !== true ? toAuthUser(user) : undefined;
    },

    list: users.list,
    count: users.count,
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
