import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import type { AuthPolicy } from '../../main/auth/auth-service.js';
import type { FeatureFactory } from '../../main/features/feature.js';
import { tempDir } from './temp-dir.js';
import { call } from './api-client.js';

export interface TestCore {
  core: Core;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Creates a user of each role (the first is the administrator) and signs each in. */
  signInAll(): Promise<Record<'administrator' | 'supervisor' | 'officer', string>>;
}

export async function startTestCore(opts: { authPolicy?: AuthPolicy; rendererDir?: string | null; features?: FeatureFactory[] } = {}): Promise<TestCore> {
  const tmp = tempDir('cctv-core-');
  const core = await createCore({ dataDir: tmp.dir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: opts.rendererDir ?? null, ...(opts.authPolicy ? { authPolicy: opts.authPolicy } : {}), ...(opts.features ? { features: opts.features } : {}) });
  const password = 'a long test passphrase';
  return {
    core,
    url: core.url,
    dataDir: tmp.dir,
    async stop() {
      await core.stop();
      tmp.cleanup();
    },
    async signInAll() {
      const a = await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password } });
      if (a.status !== 200) throw new Error(`first admin: ${JSON.stringify(a.json)}`);
      const admin = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
      for (const role of ['supervisor', 'officer'] as const) {
        const r = await call(core.url, 'createUser', { token: admin, body: { username: role, displayName: `Test ${role}`, role, password } });
        if (r.status !== 200) throw new Error(`create ${role}: ${JSON.stringify(r.json)}`);
      }
      const sup = (await call(core.url, 'login', { body: { username: 'supervisor', password } })).json.token as string;
      const off = (await call(core.url, 'login', { body: { username: 'officer', password } })).json.token as string;
      return { administrator: admin, supervisor: sup, officer: off };
    },
  };
}
