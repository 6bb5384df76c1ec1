import { z } from 'zod';
import { route, supervisorUp } from './route.js';

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

/** Health of the core and the audit log. */
export const systemRoutes = {
  health: route({ method: 'GET', path: '/api/health', access: 'public', summary: 'Is the core up; versions', reply: Health }),
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
