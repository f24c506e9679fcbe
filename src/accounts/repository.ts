import type { Database } from '../db/database.js';
import type { ClientSession, ObjectId } from '../db/driver.js';
import type { Stored } from '../db/stored.js';
import type { Credential, Guard, User } from '../types/schemas.js';

export const USERS = 'users';
export const CREDENTIALS = 'credentials';
export const GUARDS = 'guards';

export type StoredUser = Stored<User>;
export type StoredCredential = Stored<Credential>;

/** Only this file touches the users and credentials collections. */
export function usersRepository(db: Database) {
  const users = db.collection<StoredUser>(USERS);
  const credentials = db.collection<StoredCredential>(CREDENTIALS);
  const guards = db.collection<Omit<Guard, 'id'> & { _id: string }>(GUARDS);
  return {
    findById: (id: ObjectId, session?: ClientSession) => users.findOne({ _id: id }, { session }),
    findByEmail: (email: string) => users.findOne({ email }),
    list: (filter: { role?: User['role'] }, page: { limit: number; offset: number }) =>
      users.find(filter.role ? { role: filter.role } : {}).sort({ email: 1 }).skip(page.offset).limit(page.limit).toArray(),
    count: (filter: { role?: User['role'] }) => users.countDocuments(filter.role ? { role: filter.role } : {}),
    countActiveAdmins: (session?: ClientSession) => users.countDocuments({ role: 'admin', disabled: { $ne: true } }, { session }),
    async insert(user: StoredUser, passwordHash: string, session: ClientSession) {
      await users.insertOne(user, { session });
      await credentials.insertOne({ _id: user._id, passwordHash, updatedAt: user.createdAt! }, { session });
    },
    update: (id: ObjectId, set: Partial<StoredUser>, unset: (keyof User)[], session: ClientSession) =>
      users.findOneAndUpdate(
        { _id: id },
        { $set: set, ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((k) => [k, ''])) } : {}) },
        { session, returnDocument: 'after' },
      ),
    /**
     * Writes the guard of the active admins inside `session`'s transaction. Two transactions that each count the
     * admins and then demote or disable a different one would both see the other still active (each reads its own
     * snapshot); both writing this one document makes the second conflict, and its retry counts again.
     */
    async guardActiveAdmins(session: ClientSession) {
      // Created outside the transaction: two transactions inserting it at once would not conflict as a retry expects.
      await guards.updateOne({ _id: 'active-admins' }, { $setOnInsert: { version: 0 } }, { upsert: true });
      await guards.updateOne({ _id: 'active-admins' }, { $inc: { version: 1 } }, { session });
    },
    passwordHash: async (id: ObjectId) => (await credentials.findOne({ _id: id }))?.passwordHash,
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
