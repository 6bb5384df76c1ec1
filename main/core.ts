import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Store } from './store/store.js';
import { schemaVersion } from './store/database.js';
import { AuditLog, systemActor } from './audit/audit-log.js';
import { AuthService, defaultAuthPolicy, type AuthPolicy } from './auth/auth-service.js';
import { createLogger, type Logger } from './log/logger.js';
import { createServer, type RawRoutes } from './api/server.js';
import { appVersion } from './version.js';
import type { CoreContext } from './core-context.js';
import type { SecretSealer } from './secrets/secret-sealer.js';
import { keyFileSealer } from './secrets/key-file-sealer.js';
import type { Handlers } from './api/handler.js';
import type { ServerEvent } from './api/contract.js';
import { authHandlers } from './api/routes/auth-handlers.js';
import { userHandlers } from './api/routes/user-handlers.js';
import { systemHandlers } from './api/routes/system-handlers.js';
import { FeatureRegistry, type Feature, type FeatureFactory } from './features/feature.js';
import { featureFactories } from './features/index.js';

export interface CoreOptions {
  dataDir: string;
  mode: CoreContext['mode'];
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  rendererDir?: string | null;
  logger?: Logger;
  authPolicy?: AuthPolicy;
  ffmpegInfo?: () => { path: string; version: string } | null;
  /** The features to run (default: all of them); tests may pick a few. */
  features?: FeatureFactory[];
  /** How camera passwords and keys are sealed at rest; default a key file in the data folder. */
  secrets?: SecretSealer;
}

export interface Core {
  readonly url: string;
  readonly context: CoreContext;
  readonly server: FastifyInstance;
  /** The running features, for in-process callers (the demo, the Electron shell, tests). */
  readonly features: FeatureRegistry;
  stop(): Promise<void>;
}

/** The built renderer, wherever this module runs from (source via tsx, or dist/). */
export function defaultRendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, '..', '..') : path.resolve(here, '..');
  return path.join(root, 'dist', 'renderer');
}

/**
 * Starts the core: opens the store, then serves the API, the WebSocket and the
 * renderer. The same function runs inside Electron's main process (one desk)
 * and headless under `cctv serve` (a team).
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  mkdirSync(opts.dataDir, { recursive: true });
  const log = opts.logger ?? createLogger({ dataDir: opts.dataDir });
  const store = Store.open(opts.dataDir);
  const audit = new AuditLog(store.audit);
  const auth = new AuthService(store, audit, opts.authPolicy ?? defaultAuthPolicy);
  const bus = new EventEmitter();
  bus.setMaxListeners(200);

  const context: CoreContext = {
    version: appVersion,
    startedAt: Date.now(),
    mode: opts.mode,
    dataDir: opts.dataDir,
    store,
    secrets: opts.secrets ?? keyFileSealer(path.join(opts.dataDir, 'secret.key')),
    audit,
    auth,
    log,
    councilName: () => store.settings.get<string>('council.name') ?? 'Demo Borough Council',
    schemaVersion: () => schemaVersion(store.db),
    ffmpegInfo: opts.ffmpegInfo ?? (() => null),
    publish: (event: ServerEvent) => bus.emit('event', event),
    subscribe: (listener) => {
      bus.on('event', listener);
      return () => bus.off('event', listener);
    },
  };

  const registry = new FeatureRegistry();
  for (const factory of opts.features ?? featureFactories) registry.add(factory(context, registry));
  const features = registry.all();
  const handlers = {
    ...systemHandlers(context),
    ...authHandlers(context),
    ...userHandlers(context),
    ...Object.assign({}, ...features.map((f) => f.handlers ?? {})),
  } as Handlers;
  const raw: RawRoutes[] = features.flatMap((f) => (f.rawRoutes ? [f.rawRoutes] : []));

  // Sessions that ran out while the core was down are of no use to anyone.
  store.sessions.deleteExpired(Date.now());
  audit.record(systemActor, 'core.start', 'core', { mode: opts.mode, version: appVersion });

  let server: FastifyInstance;
  try {
    server = await createServer(context, handlers, {
      host: opts.host ?? '127.0.0.1',
      port: opts.port ?? 0,
      ...(opts.rendererDir === null ? {} : { rendererDir: opts.rendererDir ?? defaultRendererDir() }),
    }, raw);
  } catch (e) {
    store.close();
    throw e;
  }
  const started: Feature[] = [];
  try {
    for (const f of features) {
      await f.start?.();
      started.push(f);
    }
  } catch (e) {
    for (const f of started.reverse()) await f.stop?.();
    await server.close();
    store.close();
    throw e;
  }
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('core is not listening on a TCP port');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  log.info({ url, dataDir: opts.dataDir, mode: opts.mode }, 'core started');

  let stopped = false;
  return {
    url,
    context,
    server,
    features: registry,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop the features first (recorders finalise their segments), newest first.
      for (const f of [...features].reverse()) {
        try {
          await f.stop?.();
        } catch (e) {
          log.error({ err: e, feature: f.name }, 'feature did not stop cleanly');
        }
      }
      await server.close();
      audit.record(systemActor, 'core.stop', 'core', {});
      store.close();
      log.info('core stopped');
    },
  };
}
