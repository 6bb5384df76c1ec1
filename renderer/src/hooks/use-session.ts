import { createContext, useContext } from 'react';
import type { Role, User } from '../../../main/api/contract';

export interface SessionValue {
  user: User;
  councilName: string;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in user and the sign-out action; only inside the workstation shell. */
export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession needs a signed-in session above it');
  return s;
}

export function hasRole(user: User, roles: readonly Role[]): boolean {
  return roles.includes(user.role);
}

export const roleLabels: Record<Role, string> = {
  officer: 'Officer',
  supervisor: 'Supervisor',
  administrator: 'Administrator',
};
