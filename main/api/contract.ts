/**
 * The one typed contract between the core and every client (the renderer in
 * Electron or a browser, the CLI, tests).
 *
 * Each route names its method, path, the roles that may call it, and zod
 * schemas for its body/query and reply. The core validates every request
 * against these at run time; the renderer imports the *types* only
 * (`import type`), so no server code reaches the browser bundle.
 *
 * Add a route here first; the server refuses to start if a route has no
 * handler, and the type checker refuses a handler whose reply doesn't fit.
 */
import { z } from 'zod';

export const roles = ['officer', 'supervisor', 'administrator'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Who may call a route: nobody signed in ('public'), or any of the listed roles. */
export type Access = 'public' | readonly Role[];

const anyRole = roles;
const supervisorUp = ['supervisor', 'administrator'] as const;
const adminOnly = ['administrator'] as const;

export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

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

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  schemaVersion: z.number(),
  uptimeS: z.number(),
  mode: z.enum(['desktop', 'server', 'demo']),
  ffmpeg: z.object({ path: z.string(), version: z.string() }).nullable(),
});
export type Health = z.infer<typeof Health>;

export const AuditEntry = z.object({
  seq: z.number(),
  at: z.number(),
  actorName: z.string(),
  action: z.string(),
  subject: z.string(),
  details: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const Empty = z.object({}).strict();
const Ok = z.object({ ok: z.literal(true) });

interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  reply: z.ZodType;
}

function route<const R extends RouteDef>(r: R): R {
  return r;
}

const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const routes = {
  health: route({ method: 'GET', path: '/api/health', access: 'public', summary: 'Is the core up; versions', reply: Health }),
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
  searchAudit: route({
    method: 'GET',
    path: '/api/audit',
    access: supervisorUp,
    summary: 'Search the audit log',
    query: z.object({
      from: z.coerce.number().optional(),
      to: z.coerce.number().optional(),
      action: z.string().max(64).optional(),
      actor: z.string().max(64).optional(),
      text: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    reply: z.array(AuditEntry),
  }),
  verifyAudit: route({
    method: 'GET',
    path: '/api/audit/verify',
    access: supervisorUp,
    summary: 'Check the audit chain',
    reply: z.object({ ok: z.boolean(), entries: z.number(), seq: z.number().optional(), problem: z.string().optional() }),
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

type SchemaOf<R, K extends string> = R extends Record<K, infer S extends z.ZodType> ? S : undefined;
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a client sends for a route (before defaults are applied). */
export type BodyIn<N extends RouteName> = Input<SchemaOf<Routes[N], 'body'>>;
export type QueryIn<N extends RouteName> = Input<SchemaOf<Routes[N], 'query'>>;
export type ParamsIn<N extends RouteName> = Input<SchemaOf<Routes[N], 'params'>>;
/** What a handler receives (after validation and defaults). */
export type BodyOut<N extends RouteName> = Output<SchemaOf<Routes[N], 'body'>>;
export type QueryOut<N extends RouteName> = Output<SchemaOf<Routes[N], 'query'>>;
export type ParamsOut<N extends RouteName> = Output<SchemaOf<Routes[N], 'params'>>;
export type Reply<N extends RouteName> = z.output<Routes[N]['reply']>;

/** Messages the core pushes over the WebSocket at /api/ws. */
export type ServerEvent =
  | { type: 'hello'; at: number }
  | { type: 'camera-status'; cameraId: number; status: 'ok' | 'degraded' | 'down' | 'unknown'; at: number }
  | { type: 'anpr-read'; cameraId: number; vrm: string; at: number }
  | { type: 'event-queued'; eventId: number; at: number };
