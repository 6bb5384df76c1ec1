import { z } from 'zod';
import { Role, route, anyRole, adminOnly, Empty, Ok, IdParams } from './route.js';

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  officerNumber: z.string().nullable(),
  role: Role,
  disabled: z.boolean(),
  lockedUntil: z.number().nullable(),
  createdAt: z.number(),
});
export type User = z.infer<typeof User>;

const Username = z
  .string()
  .trim()
  .min(2, 'username must be at least 2 characters')
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'username may use letters, digits, dot, dash and underscore');

export const NewUser = z.object({
  username: Username,
  displayName: z.string().trim().min(1, 'display name is required').max(120),
  officerNumber: z.string().trim().max(32).nullable().default(null),
  role: Role,
  password: z.string().min(1).max(256),
});
export type NewUser = z.input<typeof NewUser>;

export const Session = z.object({
  token: z.string(),
  expiresAt: z.number(),
  user: User,
});
export type Session = z.infer<typeof Session>;

/** Set-up, sign-in and user management. */
export const authRoutes = {
  setupStatus: route({
    method: 'GET',
    path: '/api/setup',
    access: 'public',
    summary: 'Whether the first administrator still needs creating',
    reply: z.object({ needsFirstAdministrator: z.boolean(), councilName: z.string() }),
  }),
  createFirstAdministrator: route({
    method: 'POST',
    path: '/api/setup/administrator',
    access: 'public',
    summary: 'First run only: create the first administrator',
    body: NewUser.omit({ role: true }),
    reply: User,
  }),
  login: route({
    method: 'POST',
    path: '/api/auth/login',
    access: 'public',
    summary: 'Sign in; returns a bearer token',
    body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    reply: Session,
  }),
  logout: route({ method: 'POST', path: '/api/auth/logout', access: anyRole, summary: 'End this session', body: Empty.optional(), reply: Ok }),
  me: route({ method: 'GET', path: '/api/auth/me', access: anyRole, summary: 'The signed-in user', reply: User }),
  changePassword: route({
    method: 'POST',
    path: '/api/auth/password',
    access: anyRole,
    summary: 'Change my password',
    body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
    reply: Ok,
  }),
  listUsers: route({ method: 'GET', path: '/api/users', access: adminOnly, summary: 'All users', reply: z.array(User) }),
  createUser: route({ method: 'POST', path: '/api/users', access: adminOnly, summary: 'Add a user', body: NewUser, reply: User }),
  updateUser: route({
    method: 'PATCH',
    path: '/api/users/:id',
    access: adminOnly,
    summary: 'Change a user’s role, name or disabled state',
    params: IdParams,
    body: z.object({ displayName: z.string().trim().min(1).max(120).optional(), officerNumber: z.string().trim().max(32).nullable().optional(), role: Role.optional(), disabled: z.boolean().optional() }),
    reply: User,
  }),
} as const;
