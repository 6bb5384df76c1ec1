/**
 * Building blocks shared by every route group of the contract.
 */
import { z } from 'zod';

export const roles = ['officer', 'supervisor', 'administrator'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** Who may call a route: nobody signed in ('public'), or any of the listed roles. */
export type Access = 'public' | readonly Role[];

export const anyRole = roles;
export const supervisorUp = ['supervisor', 'administrator'] as const;
export const adminOnly = ['administrator'] as const;

export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: Access;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  reply: z.ZodType;
}

/** Declares one route; `const` keeps its literal types for the client. */
export function route<const R extends RouteDef>(r: R): R {
  return r;
}
