import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { mediaFeatureWith } from '../../main/media/media-feature.js';
import { openStoreReadOnly } from '../support/crash-core.js';
import { demoEstateCameras } from '../../fixtures/estate/estate-cameras.js';
import { SimEstate } from '../../fixtures/estate/sim-estate.js';
import { credentialedRtspUrl } from '../support/estate-media.js';
import { FakeCameras } from '../support/media-fake-cameras.js';
import { tempDir } from '../support/temp-dir.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A recorder's run file must not grow without end, so every `runMaxS` a
 * fresh ffmpeg takes over from the running one (camera-recorder.ts,
 * handOver). Against the simulated estate's RTSP server (25 fps, a keyframe
 * a second, every session served the same stream as a camera serves it):
 * runs every 8 s for 30 s, and the
 * footage must come out as if one ffmpeg had recorded it — no gap, no
 * overlap, no keyframe interval lost or recorded twice — with every finished
 * run file deleted.
 */
describe('recorder: hand-over to a fresh run', () => {
  const tmp = tempDir('cctv-rotation-');
  // One camera of the simulated estate: its RTSP server serves every session the same stream, as a camera does.
  const estate = new SimEstate({ cameras: [demoEstateCameras[0]!], loopS: 8 });
  const cams = new FakeCameras();
  let core: Core | null = null;

  beforeAll(async () => {
    core = await createCore({
      dataDir: tmp.dir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: null,
      features: [cams.feature(), mediaFeatureWith({ segmentTimeS: 3, runMaxS: 8, minFreeBytes: 0 })],
    });
    await estate.start();
  }, 90_000);

  afterAll(async () => {
    await core?.stop();
    await estate.stop();
    tmp.cleanup();
  }, 30_000);

  it('cuts over at a keyframe both runs hold: contiguous footage, every frame once, old runs deleted', async () => {
    cams.set(1, { name: 'Rotation Cam', url: credentialedRtspUrl(estate, estate.cameras[0]!) });
    const camDir = path.join(tmp.dir, 'recordings', '1');
    const runsSeen = new Set<string>();
    const most = { runs: 0 };
    const end = Date.now() + 30_000;
    while (Date.now() < end) {
      await sleep(250);
      let names: string[] = [];
      try {
        names = readdirSync(camDir).filter((n) => n.startsWith('run-'));
      } catch {
        /* not created yet */
      }
      for (const n of names) runsSeen.add(n);
      most.runs = Math.max(most.runs, names.length);
    }
    await core!.stop();
    core = null;

    // At least three runs, never more than two files at once (the one handing over, the one taking over), none left.
    expect(runsSeen.size).toBeGreaterThanOrEqual(3);
    expect(most.runs).toBeLessThanOrEqual(2);
    expect(readdirSync(camDir).filter((n) => n.startsWith('run-') || n.endsWith('.part'))).toEqual([]);

    // Read back from the data folder, as the stopped core left it.
    const db = openStoreReadOnly(tmp.dir);
    const segs = db.prepare('SELECT start_ms AS startMs, end_ms AS endMs, frame_count AS frameCount FROM media_segments WHERE camera_id = 1 ORDER BY start_ms').all() as Array<{ startMs: number; endMs: number; frameCount: number }>;
    const gaps = db.prepare('SELECT start_ms AS startMs FROM media_gaps WHERE camera_id = 1 AND start_ms > ? AND start_ms < ?').all(segs[0]!.startMs, segs.at(-1)!.endMs - 1);
    db.close();
    expect(segs.length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < segs.length; i++) {
      // Within a run segments meet exactly; across a hand-over the two runs' clocks agree to well under a frame.
      expect(Math.abs(segs[i]!.startMs - segs[i - 1]!.endMs), `segment ${i}`).toBeLessThan(40);
    }
    // Every frame once: the frames counted are the span at 25 fps, to within a
    // frame per hand-over (a lost or doubled keyframe interval would be 25).
    const frames = segs.reduce((t, s) => t + s.frameCount, 0);
    const spanFrames = (segs.at(-1)!.endMs - segs[0]!.startMs) / 40;
    expect(Math.abs(frames - spanFrames)).toBeLessThanOrEqual(runsSeen.size);
    // No gap opened while it recorded: only the one before the first segment and the one at the stop.
    expect(gaps).toEqual([]);
  }, 60_000);
});
