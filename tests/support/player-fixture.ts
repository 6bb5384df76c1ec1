/**
 * Recorded footage for the player's e2e tests and benchmark, made fast and
 * deterministic: one 10-second fragmented-MP4 segment of a test pattern
 * (25 fps, a keyframe every second, the frame number burnt in) encoded once
 * with ffmpeg, then hard-linked and indexed through the media feature's own
 * store module as a continuous recording of `hours` (24 h = 8,640 segments)
 * with one recorded gap in the middle. A real core (all features) then serves
 * it; the camera is registered and retired so no recorder runs.
 */
import { linkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { locateFfmpeg, runOnce } from '../../native/index.js';
import { demoEstateCameras } from '../../fixtures/estate/estate-cameras.js';
import { SimEstate } from '../../fixtures/estate/sim-estate.js';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { fmp4InitBytes } from '../../main/media/mp4-boxes.js';
import { sha256File } from '../../main/media/file-hash.js';
import { RecordingsStore } from '../../main/store/recordings-store.js';
import { Store } from '../../main/store/store.js';
import { call } from './api-client.js';
import { tempDir } from './temp-dir.js';

export const FIXTURE_FPS = 25;
export const FIXTURE_SEGMENT_MS = 10_000;

export interface PlayerFixture {
  core: Core;
  url: string;
  dataDir: string;
  tokens: Record<'administrator' | 'supervisor' | 'officer', string>;
  cameraId: number;
  cameraName: string;
  /** First recorded frame and end of the recording (UTC ms). */
  fromMs: number;
  toMs: number;
  /** The second camera at the location (opts.secondCamera), recorded over the same hours. */
  second: { id: number; name: string } | null;
  /** The recorded gap [start, end). */
  gap: { startMs: number; endMs: number };
  segments: number;
  /** Absolute path of a recorded segment file (to delete behind the app's back). */
  segmentFile(index: number): string;
  stop(): Promise<void>;
}

const password = 'a long test passphrase';

/** Encodes the one source segment: 10 s of testsrc2 at 25 fps, GOP 25, frame number burnt in. */
export async function synthesiseSegment(file: string): Promise<void> {
  const { ffmpeg } = locateFfmpeg();
  const font = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
  await runOnce({
    command: ffmpeg.path,
    args: [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=${FIXTURE_FPS}:duration=${FIXTURE_SEGMENT_MS / 1000}`,
      '-vf', `drawtext=fontfile=${font}:text='frame %{frame_num}':x=40:y=40:fontsize=64:fontcolor=white:box=1:boxcolor=black@0.8`,
      '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p',
      '-g', String(FIXTURE_FPS), '-keyint_min', String(FIXTURE_FPS), '-sc_threshold', '0', '-bf', '0',
      '-movflags', '+frag_keyframe+empty_moov+default_base_moof',
      '-f', 'mp4', file,
    ],
    timeoutMs: 120_000,
  });
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export async function startPlayerFixture(opts: { hours?: number; rendererDir?: string | null; endMs?: number; secondCamera?: boolean } = {}): Promise<PlayerFixture> {
  const hours = opts.hours ?? 1;
  const tmp = tempDir('cctv-player-');
  const dataDir = path.join(tmp.dir, 'data');
  const source = path.join(tmp.dir, 'source.mp4');
  await synthesiseSegment(source);
  const initBytes = fmp4InitBytes(source);
  if (initBytes === null) throw new Error('the synthesised segment has no fMP4 init section');
  const sha256 = await sha256File(source);
  const { size } = await import('node:fs').then((fs) => fs.statSync(source));

  // Whole segments ending on a 10-second boundary at least 10 minutes ago.
  const end = Math.floor((opts.endMs ?? Date.now() - 10 * 60_000) / FIXTURE_SEGMENT_MS) * FIXTURE_SEGMENT_MS;
  const count = Math.round((hours * 3_600_000) / FIXTURE_SEGMENT_MS);
  const fromMs = end - count * FIXTURE_SEGMENT_MS;
  // A two-minute outage in the middle: a gap on the timeline, not a silent jump.
  const gapStart = fromMs + Math.floor(count / 2) * FIXTURE_SEGMENT_MS;
  const gap = { startMs: gapStart, endMs: gapStart + 120_000 };
  const cameraId = 1;
  // Optionally a second camera at the same location (for two-camera sync):
  // the same footage over the same hours, its clock 0.3 s behind.
  const cams = opts.secondCamera ? [{ id: cameraId, offsetMs: 1_200 }, { id: 2, offsetMs: -300 }] : [{ id: cameraId, offsetMs: 1_200 }];
  for (const c of cams) mkdirSync(path.join(dataDir, 'recordings', `camera-${c.id}`), { recursive: true });

  const store = Store.open(dataDir);
  const paths: string[] = [];
  try {
    const recordings = new RecordingsStore(store.db);
    store.db.transaction(() => {
      for (const cam of cams) for (let i = 0; i < count; i++) {
        const startMs = fromMs + i * FIXTURE_SEGMENT_MS;
        if (startMs >= gap.startMs && startMs < gap.endMs) continue;
        const rel = `camera-${cam.id}/seg-${stamp(startMs)}.mp4`;
        linkSync(source, path.join(dataDir, 'recordings', ...rel.split('/')));
        if (cam.id === cameraId) paths.push(rel);
        recordings.insertSegment({
          cameraId: cam.id,
          startMs,
          endMs: startMs + FIXTURE_SEGMENT_MS,
          frameCount: (FIXTURE_SEGMENT_MS / 1000) * FIXTURE_FPS,
          bytes: size,
          initBytes,
          path: rel,
          sha256,
          keyframes: Array.from({ length: FIXTURE_SEGMENT_MS / 1000 }, (_, k) => k),
          // The simulated camera's clock runs 1.2 s ahead of the workstation.
          cameraOffsetMs: cam.offsetMs,
          indexedAt: Date.now(),
        });
      }
      for (const cam of cams) recordings.insertClosedGap(cam.id, gap.startMs, gap.endMs, 'timeout', 'simulated outage for the player tests');
    })();
  } finally {
    store.close();
  }

  const core = await createCore({ dataDir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: opts.rendererDir ?? null });
  try {
    const a = await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password } });
    if (a.status !== 200) throw new Error(`first admin: ${JSON.stringify(a.json)}`);
    const admin = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
    for (const role of ['supervisor', 'officer'] as const) {
      const r = await call(core.url, 'createUser', { token: admin, body: { username: role, displayName: `Test ${role}`, role, password } });
      if (r.status !== 200) throw new Error(`create ${role}: ${JSON.stringify(r.json)}`);
    }
    const sup = (await call(core.url, 'login', { body: { username: 'supervisor', password } })).json.token as string;
    const off = (await call(core.url, 'login', { body: { username: 'officer', password } })).json.token as string;
    const cameraName = 'Bus lane King St';
    const cam = await call(core.url, 'addCamera', { token: admin, body: { source: 'rtsp', name: cameraName, locationDescription: 'King Street, northbound', rtspMainUri: 'rtsp://127.0.0.1:9/none' } });
    if (cam.status !== 200 || cam.json.camera?.id !== cameraId) throw new Error(`create camera: ${JSON.stringify(cam.json)}`);
    // Retired: its footage stays reviewable and no recorder runs during the test.
    const ret = await call(core.url, 'retireCamera', { token: admin, params: { id: cameraId }, body: { reason: 'player test fixture: footage only' } });
    if (ret.status !== 200) throw new Error(`retire camera: ${JSON.stringify(ret.json)}`);
    let second: { id: number; name: string } | null = null;
    if (opts.secondCamera) {
      const name = 'Bus lane King St (rear)';
      const c2 = await call(core.url, 'addCamera', { token: admin, body: { source: 'rtsp', name, locationDescription: 'King Street, northbound, facing back', rtspMainUri: 'rtsp://127.0.0.1:9/none' } });
      if (c2.status !== 200 || c2.json.camera?.id !== 2) throw new Error(`create second camera: ${JSON.stringify(c2.json)}`);
      const r2 = await call(core.url, 'retireCamera', { token: admin, params: { id: 2 }, body: { reason: 'player test fixture: footage only' } });
      if (r2.status !== 200) throw new Error(`retire second camera: ${JSON.stringify(r2.json)}`);
      second = { id: 2, name };
    }
    return {
      core,
      url: core.url,
      dataDir,
      second,
      tokens: { administrator: admin, supervisor: sup, officer: off },
      cameraId,
      cameraName,
      fromMs,
      toMs: end,
      gap,
      segments: paths.length,
      segmentFile: (i) => path.join(dataDir, 'recordings', ...paths[i]!.split('/')),
      async stop() {
        await core.stop();
        tmp.cleanup();
      },
    };
  } catch (e) {
    await core.stop();
    tmp.cleanup();
    throw e;
  }
}

export interface LiveFixture {
  core: Core;
  url: string;
  tokens: Record<'administrator' | 'supervisor' | 'officer', string>;
  cameraId: number;
  cameraName: string;
  estate: SimEstate;
  stop(): Promise<void>;
}

/**
 * A core (all features) recording one simulated estate camera over RTSP with
 * digest credentials, added through the cameras feature as an officer's admin
 * would, for the Live page's e2e test and the live-delay benchmark. Resolves
 * once the recorder says it is recording.
 */
export async function startLiveFixture(opts: { rendererDir: string }): Promise<LiveFixture> {
  const tmp = tempDir('cctv-live-');
  const core = await createCore({ dataDir: tmp.dir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: opts.rendererDir });
  // One camera and a short loop keep first-run footage generation short. The
  // estate goes on air after the core has started: its streams pace frames on
  // this event loop, and starting the core is the longest stall there is.
  const estate = new SimEstate({ cameras: [demoEstateCameras[0]!], loopS: 8 });
  let estateStarted = false;
  const stop = async () => {
    await core.stop();
    if (estateStarted) await estate.stop();
    tmp.cleanup();
  };
  try {
    const tokens = await signInRoles(core.url);
    await estate.start();
    estateStarted = true;
    const cam = estate.cameras[0]!;
    const cameraName = cam.spec.name;
    const added = await call(core.url, 'addCamera', {
      token: tokens.administrator,
      body: { source: 'rtsp', name: cameraName, locationDescription: cam.spec.location, rtspMainUri: cam.rtspUrl, username: estate.username, password: estate.password },
    });
    if (added.status !== 200) throw new Error(`add the simulated camera: ${JSON.stringify(added.json)}`);
    const cameraId = added.json.camera.id as number;
    const until = Date.now() + 60_000;
    for (;;) {
      const r = await call(core.url, 'getRecorder', { token: tokens.officer, params: { cameraId } });
      if (r.status === 200 && r.json.state === 'recording') break;
      if (Date.now() > until) throw new Error(`the simulated camera was not recording within 60 s: ${JSON.stringify(r.json)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
    return { core, url: core.url, tokens, cameraId, cameraName, estate, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function signInRoles(url: string): Promise<Record<'administrator' | 'supervisor' | 'officer', string>> {
  const a = await call(url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password } });
  if (a.status !== 200) throw new Error(`first admin: ${JSON.stringify(a.json)}`);
  const admin = (await call(url, 'login', { body: { username: 'admin', password } })).json.token as string;
  for (const role of ['supervisor', 'officer'] as const) {
    const r = await call(url, 'createUser', { token: admin, body: { username: role, displayName: `Test ${role}`, role, password } });
    if (r.status !== 200) throw new Error(`create ${role}: ${JSON.stringify(r.json)}`);
  }
  const sup = (await call(url, 'login', { body: { username: 'supervisor', password } })).json.token as string;
  const off = (await call(url, 'login', { body: { username: 'officer', password } })).json.token as string;
  return { administrator: admin, supervisor: sup, officer: off };
}
