import type { AuthUser } from '../http/types.js';
import type { User } from '../types/schemas.js';
import type { StoredUser } from './repository.js';

export function presentUser(user: StoredUser): User {
  const { _id, ...rest } = user;
  return { id: _id.toHexString(), ...rest, disabled: user.disabled === true };
}

export function toAuthUser(user: StoredUser): AuthUser {
  return {
    id: user._id.toHexString(),
    email: user.email,
    role: user.role,
    institutions: user.institutions,
    ...(user.official !== undefined ? { official: user.official } : {}),
  };
}
