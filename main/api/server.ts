import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ZodError, type z } from 'zod';
import { routes, type RouteName, type Access } from './contract.js';
import type { Handlers } from './handler.js';
import { ApiFailure } from './api-failure.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import type { CoreContext } from '../core-context.js';
import type { UserRow } from '../store/users-store.js';

export interface ServerOptions {
  host: string;
  port: number;
  /** Built renderer (vite build output) to serve at /, if any. */
  rendererDir?: string;
  /** Largest JSON body accepted, bytes. Ingest routes set their own. */
  bodyLimit?: number;
}

/** Extra routes a feature registers outside the JSON contract (HLS media, multipart ingest). */
export type RawRoutes = (app: FastifyInstance, authenticate: (req: FastifyRequest, access: Access) => UserRow | null) => void;

function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  // EventSource, <video> and WebSocket cannot set headers; they pass the token as a query parameter.
  const q = (req.query as Record<string, unknown> | undefined)?.access_token;
  return typeof q === 'string' && q ? q : null;
}

function zodDetails(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

export async function createServer(core: CoreContext, handlers: Handlers, opts: ServerOptions, raw: RawRoutes[] = []): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    // Behind nothing: the core talks to desks directly, so the socket address is the client.
    trustProxy: false,
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    (req as FastifyRequest & { startedAt: number }).startedAt = performance.now();
  });

  app.addHook('onResponse', async (req, reply) => {
    const ms = performance.now() - (req as FastifyRequest & { startedAt: number }).startedAt;
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'debug';
    core.log[level]({ method: req.method, url: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(ms) }, 'request');
  });

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof ApiFailure) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (err instanceof ZodError) {
      const details = zodDetails(err);
      return reply.status(400).send({ error: { code: 'invalid-request', message: details.map((d) => `${d.path}: ${d.message}`).join('; '), details } });
    }
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      // Fastify's own refusals: malformed JSON, body too large, wrong content type.
      const code = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body-too-large' : e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported-media-type' : 'invalid-request';
      return reply.status(e.statusCode).send({ error: { code, message: e.message ?? 'bad request' } });
    }
    core.log.error({ err, url: req.url }, 'unhandled error in request');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error; see the core log' } });
  });

  const authenticate = (req: FastifyRequest, access: Access): UserRow | null => {
    if (access === 'public') return null;
    const token = bearerToken(req);
    if (!token) throw new ApiFailure(401, 'not-signed-in', 'sign in first (no bearer token)');
    const found = core.auth.authenticate(token);
    if (!found) throw new ApiFailure(401, 'session-expired', 'your session has expired or was ended; sign in again');
    if (!access.includes(found.user.role)) {
      throw new ApiFailure(403, 'forbidden', `this needs the role ${access.join(' or ')}; you are ${found.user.role}`);
    }
    return found.user;
  };

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  for (const name of Object.keys(routes) as RouteName[]) {
    const def = routes[name] as (typeof routes)[RouteName] & { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
    let handler = handlers[name] as (ctx: unknown) => unknown;
    if (typeof handler !== 'function') {
      // Development only: lets one feature's work run while another's routes are declared but not yet built.
      if (process.env.CCTV_ALLOW_MISSING_HANDLERS !== '1') throw new Error(`route ${name} has no handler`);
      handler = () => {
        throw new ApiFailure(501, 'not-implemented', `route ${name} is not implemented yet`);
      };
    }
    app.route({
      method: def.method,
      url: def.path,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const user = authenticate(req, def.access);
        const query = { ...(req.query as object) } as Record<string, unknown>;
        delete query.access_token;
        const ctx = {
          body: def.body ? def.body.parse(req.body ?? undefined) : undefined,
          query: def.query ? def.query.parse(query) : undefined,
          params: def.params ? def.params.parse(req.params) : undefined,
          user,
          token: bearerToken(req),
          ip: req.ip,
        };
        const result = await handler(ctx);
        return reply.send(result);
      },
    });
  }

  app.get('/api/ws', { websocket: true }, (socket, req) => {
    try {
      authenticate(req, ['officer', 'supervisor', 'administrator']);
    } catch (e) {
      socket.close(4401, e instanceof Error ? e.message.slice(0, 100) : 'unauthorised');
      return;
    }
    socket.send(JSON.stringify({ type: 'hello', at: Date.now() }));
    const unsubscribe = core.subscribe((event) => socket.send(JSON.stringify(event)));
    socket.on('close', unsubscribe);
  });

  for (const add of raw) add(app, authenticate);

  const rendererDir = opts.rendererDir;
  const hasRenderer = rendererDir && existsSync(path.join(rendererDir, 'index.html'));
  if (hasRenderer) {
    await app.register(fastifyStatic, {
      root: rendererDir,
      prefix: '/',
      index: ['index.html'],
      setHeaders: (res) => {
        res.setHeader('Content-Security-Policy', contentSecurityPolicy);
        res.setHeader('X-Frame-Options', 'DENY');
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasRenderer || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'not-found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    }
    // The renderer routes on the client: any other GET gets the app shell.
    reply.header('Content-Security-Policy', contentSecurityPolicy);
    return reply.sendFile('index.html');
  });

  await app.listen({ host: opts.host, port: opts.port });
  return app;
}
