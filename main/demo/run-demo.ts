import { SimEstate, type EstateCamera } from '../../fixtures/estate/sim-estate.js';
import type { EstateFault } from '../../fixtures/estate/estate-fault.js';
import type { EstateCameraSpec } from '../../fixtures/estate/estate-cameras.js';
import { createCore, type Core } from '../core.js';
import type { Logger } from '../log/logger.js';
import { configureDemoCamera } from './demo-estate-config.js';
import { seedDemoUsers } from './demo-users.js';

export interface DemoOptions {
  dataDir: string;
  host?: string;
  port?: number;
  /** Scene loop length, seconds. */
  loopS?: number;
  /** Which simulated cameras (default: the whole demo estate). */
  cameras?: readonly EstateCameraSpec[];
  faults?: { key: string; fault: EstateFault }[];
  logger?: Logger;
  ffmpegInfo?: () => { path: string; version: string } | null;
  rendererDir?: string | null;
  /** Progress lines for the person at the terminal. */
  say?: (line: string) => void;
}

export interface Demo {
  core: Core;
  estate: SimEstate;
  /** Resolves when every camera is on air and configured. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The demo: the core plus the simulated camera estate, configured as a
 * council would have it (cameras added over ONVIF, certificates,
 * restrictions, a white list, demo users), with ANPR feeds pushing reads in
 * time with the video. The UI is usable at once; cameras appear as their
 * footage becomes ready (encoded once per machine, then cached).
 */
export async function startDemo(opts: DemoOptions): Promise<Demo> {
  const say = opts.say ?? (() => undefined);
  const core = await createCore({
    dataDir: opts.dataDir,
    mode: 'demo',
    host: opts.host ?? '127.0.0.1',
    port: opts.port ?? 0,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.ffmpegInfo ? { ffmpegInfo: opts.ffmpegInfo } : {}),
    ...(opts.rendererDir !== undefined ? { rendererDir: opts.rendererDir } : {}),
  });
  await seedDemoUsers(core.context);

  const configured: Promise<void>[] = [];
  const estate = new SimEstate({
    ...(opts.loopS ? { loopS: opts.loopS } : {}),
    ...(opts.cameras ? { cameras: opts.cameras } : {}),
    onProgress: say,
    onCameraReady: (cam) => configured.push(configure(cam)),
  });

  const configure = async (cam: EstateCamera) => {
    try {
      const { cameraId, anprKey } = await configureDemoCamera(core.features, cam, { username: estate.username, password: estate.password });
      if (cam.spec.anprFormat) {
        const url = cam.spec.anprFormat === 'json' ? `${core.url}/ingest/anpr/json` : `${core.url}/ingest/anpr/hikvision/${cameraId}`;
        await estate.startAnprFeed(cam.spec.key, { url, apiKey: anprKey, cameraId: String(cameraId) });
      }
      for (const f of opts.faults ?? []) if (f.key === cam.spec.key) await estate.inject(f.key, f.fault);
      say(`${cam.spec.key} configured as camera ${cameraId}: recording, ANPR ${cam.spec.anprFormat ?? 'off'}`);
    } catch (e) {
      say(`${cam.spec.key} could not be configured: ${e instanceof Error ? e.message : String(e)}`);
      core.context.log.error({ err: e, camera: cam.spec.key }, 'demo camera configuration failed');
    }
  };

  const ready = estate.start().then(async () => {
    await Promise.all(configured);
  });
  // Start-up failures surface through `ready`; keep an unobserved rejection from crashing the process.
  ready.catch(() => undefined);

  let stopped = false;
  return {
    core,
    estate,
    ready,
    async stop() {
      if (stopped) return;
      stopped = true;
      await ready.catch(() => undefined);
      await estate.stop();
      await core.stop();
    },
  };
}
