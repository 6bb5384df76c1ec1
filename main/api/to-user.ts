import type { User } from './contract.js';
import type { UserRow } from '../store/users-store.js';

/** The user as the API shows it: never the password hash. */
export function toUser(u: UserRow): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    officerNumber: u.officerNumber,
    role: u.role,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    createdAt: u.createdAt,
  };
}
