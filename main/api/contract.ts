/**
 * The one typed contract between the core and every client (the renderer in
 * Electron or a browser, the CLI, tests).
 *
 * Each route names its method, path, the roles that may call it, and zod
 * schemas for its body/query/params and reply. The core validates every
 * request against these at run time; the renderer imports the *types* only
 * (`import type`), so no server code reaches the browser bundle.
 *
 * Routes are declared per feature in contract/<feature>-routes.ts and joined
 * here. The server refuses to start if a route has no handler.
 */
import type { z } from 'zod';
import { systemRoutes } from './contract/system-routes.js';
import { authRoutes } from './contract/auth-routes.js';
import { camerasRoutes } from './contract/cameras-routes.js';
import { mediaRoutes } from './contract/media-routes.js';
import { anprRoutes } from './contract/anpr-routes.js';
import { reviewRoutes } from './contract/review-routes.js';
import { healthRoutes } from './contract/health-routes.js';
import { pcnRoutes } from './contract/pcn-routes.js';
import { evidenceRoutes } from './contract/evidence-routes.js';

export * from './contract/route.js';
export * from './contract/system-routes.js';
export * from './contract/auth-routes.js';
export * from './contract/cameras-routes.js';
export * from './contract/media-routes.js';
export * from './contract/anpr-routes.js';
export * from './contract/review-routes.js';
export * from './contract/health-routes.js';
export * from './contract/pcn-routes.js';
export * from './contract/evidence-routes.js';

export const routes = {
  ...systemRoutes,
  ...authRoutes,
  ...camerasRoutes,
  ...mediaRoutes,
  ...anprRoutes,
  ...reviewRoutes,
  ...healthRoutes,
  ...pcnRoutes,
  ...evidenceRoutes,
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

/** Messages the core pushes over the WebSocket at /api/ws. Features add their own kinds. */
export type ServerEvent =
  | { type: 'hello'; at: number }
  | { type: 'camera-status'; cameraId: number; status: 'ok' | 'degraded' | 'down' | 'unknown'; at: number }
  | { type: 'recording-status'; cameraId: number; state: string; at: number }
  | { type: 'anpr-read'; cameraId: number; vrm: string; at: number }
  | { type: 'event-queued'; eventId: number; at: number }
  | { type: 'defect-changed'; defectId: number; at: number }
  | { type: 'pcn-changed'; pcnId: number; at: number }
  | { type: 'export-progress'; jobId: string; fraction: number; at: number };
