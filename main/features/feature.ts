import type { Handlers } from '../api/handler.js';
import type { RawRoutes } from '../api/server.js';
import type { CoreContext } from '../core-context.js';

/**
 * One capability of the core (cameras, media, ANPR, review, health, PCNs,
 * evidence): its API handlers, any raw HTTP routes (HLS media, multipart
 * ingest), and the background work it owns (recorders, probes, schedules),
 * started after the server listens and stopped, in reverse order, before the
 * store closes. Whatever a feature starts, its stop() ends.
 */
export interface Feature {
  readonly name: string;
  handlers?: Partial<Handlers>;
  rawRoutes?: RawRoutes;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}

/** The features built so far, so a later one can use an earlier one's service. */
export class FeatureRegistry {
  private readonly byName = new Map<string, Feature>();

  add(f: Feature): void {
    if (this.byName.has(f.name)) throw new Error(`feature ${f.name} registered twice`);
    this.byName.set(f.name, f);
  }

  /** The feature called `name`; throws if it is missing (a wiring error, found at start-up). */
  get<F extends Feature>(name: string): F {
    const f = this.byName.get(name);
    if (!f) throw new Error(`feature ${name} is needed but not registered before this one (see main/features/index.ts)`);
    return f as F;
  }

  find<F extends Feature>(name: string): F | undefined {
    return this.byName.get(name) as F | undefined;
  }

  all(): Feature[] {
    return [...this.byName.values()];
  }
}

export type FeatureFactory = (core: CoreContext, features: FeatureRegistry) => Feature;
