import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEstateCameras } from '../../fixtures/estate/estate-cameras.js';
import { SimEstate, type EstateCamera } from '../../fixtures/estate/sim-estate.js';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { sha256File } from '../../main/media/file-hash.js';
import { mediaFeatureWith, type MediaFeature } from '../../main/media/media-feature.js';
import type { SegmentRow } from '../../main/store/recordings-store.js';
import { processGroupAlive } from '../../native/index.js';
import { call } from '../support/api-client.js';
import {
  credentialedRtspUrl,
  ffmpegStdout,
  fileFrame,
  imageFrame,
  loopDistance,
  loopFrames,
  matchLoopFrame,
  meanAbsDiff,
  meanLuma,
  portOpen,
  sleep,
  until,
} from '../support/estate-media.js';
import { FakeCameras } from '../support/media-fake-cameras.js';
import { tempDir } from '../support/temp-dir.js';

const SEGMENT_S = 3;
const CAMERA_ID = 1;

/**
 * The recorder against the simulated estate's own RTSP server (digest
 * authentication, looping footage with a ground-truth manifest): record,
 * take the camera offline, bring it back, switch its picture to a fault;
 * then check the index, the gap, the resume, the playback playlist and a
 * still of a known moment of the scene, frame for frame.
 * (The same against GStreamer's RTSP server: media-gst-recording.test.ts.)
 */
describe('media: recording the simulated estate (outage, resume, picture fault)', () => {
  const tmp = tempDir('cctv-media-estate-');
  // One camera and a short loop keep first-run footage generation to ~10 s of CPU.
  const estate = new SimEstate({ cameras: [demoEstateCameras[0]!], loopS: 8, password: 'estate digest pass' });
  const cams = new FakeCameras();
  const pidsSeen = new Set<number>();
  let camera: EstateCamera;
  let core: Core | null = null;
  let media: MediaFeature;
  let token = '';
  let offlineAt = 0;
  let returnedAt = 0;
  let switchedAt = 0;
  let estateStopped = false;
  const password = 'a long test passphrase';

  beforeAll(async () => {
    core = await createCore({
      dataDir: tmp.dir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: null,
      features: [cams.feature(), (c, r) => (media = mediaFeatureWith({ segmentTimeS: SEGMENT_S, minFreeBytes: 0 })(c, r))],
    });
    await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password } });
    token = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
    // The estate goes on air last: its streams pace frames on this event loop and skip (rather than
    // burst) after a stall, which would shift the scene against its start time. Starting the core
    // (migrations, routes) is the longest stall this test has.
    await estate.start();
    camera = estate.camera('BL-01');
  }, 90_000);

  afterAll(async () => {
    await core?.stop();
    if (!estateStopped) await estate.stop();
    tmp.cleanup();
  }, 30_000);

  const segs = (): SegmentRow[] => media.parts.store.segmentsBetween(CAMERA_ID, 0, Number.MAX_SAFE_INTEGER);
  const openGap = () => media.parts.store.openGapOf(CAMERA_ID) ?? null;
  const abs = (s: SegmentRow): string => path.join(tmp.dir, 'recordings', s.path);
  const statusOf = async () => (await call(core!.url, 'getRecorder', { token, params: { cameraId: CAMERA_ID } })).json;
  const notePids = (): void => {
    for (const p of media.parts.owner.livePids()) pidsSeen.add(p);
  };

  it('records the camera with its digest credentials, stores the outage as a gap with its cause, and resumes within 10 s of its return', async () => {
    cams.set(CAMERA_ID, { name: camera.spec.name, url: credentialedRtspUrl(estate, camera) });
    await until('12 s of indexed recording', () => segs().reduce((t, s) => t + s.endMs - s.startMs, 0) >= 12_000, 60_000);
    notePids();
    const recording = await statusOf();
    expect(recording.state).toBe('recording');

    offlineAt = Date.now();
    await estate.inject('BL-01', { kind: 'offline' });
    await until('a gap to open', () => openGap() !== null, 20_000);
    await sleep(Math.max(0, offlineAt + 5000 - Date.now()));
    const down = await statusOf();
    expect(['reconnecting', 'starting']).toContain(down.state);
    expect(down.currentGap).not.toBeNull();
    // The recorder says why, without ever showing the camera's password.
    expect(JSON.stringify(down)).not.toContain(estate.password);
    expect(JSON.stringify(down)).not.toContain(encodeURIComponent(estate.password));
    notePids();

    await estate.clear('BL-01');
    returnedAt = Date.now();
    await until('recording to resume', () => openGap() === null && segs().some((s) => s.startMs >= returnedAt - 1000), 30_000);
    await until('a second segment after the return', () => segs().filter((s) => s.startMs >= returnedAt - 1000).length >= 2, 30_000);
    notePids();

    const tl = (await call(core!.url, 'getTimeline', { token, query: { cameraId: CAMERA_ID, from: offlineAt - 60_000, to: Date.now() + 1000, buckets: 60 } })).json;
    const gaps = (tl.gaps as Array<{ startMs: number; endMs: number | null; cause: string; detail: string | null }>).filter((g) => g.startMs > segs()[0]!.startMs);
    expect(gaps).toHaveLength(1);
    const gap = gaps[0]!;
    // The camera answering 503 while it is away, or dropping the session as it went.
    expect(['unavailable', 'stream-ended', 'connection-refused', 'timeout']).toContain(gap.cause);
    expect(gap.detail ?? '').not.toContain(estate.password);
    // The footage runs up to the outage (the partial segment is recovered) and no footage is claimed during it.
    expect(gap.startMs).toBeGreaterThan(offlineAt - 2500);
    expect(gap.startMs).toBeLessThan(offlineAt + 1500);
    expect(gap.endMs).not.toBeNull();
    expect(gap.endMs!).toBeGreaterThanOrEqual(returnedAt - 500);
    // The requirement: recording again within 10 s of the camera's return.
    expect(gap.endMs! - returnedAt).toBeLessThan(10_000);
    for (const s of segs()) expect(s.endMs <= gap.startMs || s.startMs >= gap.endMs!).toBe(true);
    const back = await statusOf();
    expect(back.state).toBe('recording');
    expect(back.restarts).toBeGreaterThanOrEqual(1);
  }, 150_000);

  it('indexes every segment with its SHA-256, size and frame count', async () => {
    const all = segs();
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const s of all) {
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(await sha256File(abs(s))).toBe(s.sha256);
      // 25 fps: the count of frames matches the segment's span.
      expect(s.frameCount).toBeGreaterThan(0);
      expect(Math.abs(s.frameCount! - (s.endMs - s.startMs) / 40)).toBeLessThanOrEqual(2);
      expect(s.keyframes[0]).toBe(0);
      expect(s.state).toBe('complete');
    }
  }, 60_000);

  it('keeps recording, without a gap, when the picture switches to a fault (black)', async () => {
    switchedAt = Date.now();
    const before = segs().filter((s) => s.endMs < switchedAt).pop()!;
    await estate.inject('BL-01', { kind: 'picture', picture: 'black' });
    await until('two segments after the switch', () => segs().filter((s) => s.startMs > switchedAt + 1500).length >= 2, 30_000);
    const after = segs().filter((s) => s.startMs > switchedAt + 1500)[0]!;
    await estate.clear('BL-01');
    notePids();
    expect(media.parts.store.gapsBetween(CAMERA_ID, switchedAt, Date.now())).toEqual([]);
    expect(openGap()).toBeNull();
    expect((await statusOf()).state).toBe('recording');
    // What was recorded is the fault picture (a stream copy records whatever the camera sends).
    expect(meanLuma(await fileFrame(abs(before), 5))).toBeGreaterThan(60);
    expect(meanLuma(await fileFrame(abs(after), 5))).toBeLessThan(30);
  }, 60_000);

  it('serves a playback playlist over the whole recording that ffmpeg plays back frame for frame, gap included', async () => {
    const all = segs();
    const from = all[0]!.startMs;
    const to = all[all.length - 1]!.endMs;
    const url = `${core!.url}/media/playback/${CAMERA_ID}.m3u8?from=${from}&to=${to}&access_token=${encodeURIComponent(token)}`;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('mpegurl');
    const text = await res.text();
    expect(text).toMatch(/^#EXTM3U\n#EXT-X-VERSION:7\n/);
    expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(text).toContain('CLASS="uk.gov.council.cctv.gap"');
    expect(text.match(/#EXT-X-PROGRAM-DATE-TIME:/g)?.length).toBeGreaterThanOrEqual(all.length);
    const uris = [...text.matchAll(/^(\/media\/segments\/\d+\.mp4\S*)$/gm)].map((m) => m[1]!);
    expect(uris).toHaveLength(all.length);
    // An independent HLS client (ffmpeg's demuxer) reads the whole playlist: every frame of every segment is there.
    const packets = await ffmpegStdout(['-allowed_extensions', 'ALL', '-i', url, '-count_packets', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0'], 'ffprobe');
    // (ffprobe lists the stream under its program and again on its own: the first line is enough.)
    expect(Number(packets.toString().trim().split('\n')[0])).toBe(all.reduce((n, s) => n + s.frameCount!, 0));
  }, 60_000);

  it('exports a still of a known moment of the scene (a bus-lane contravention), frame for frame', async () => {
    const manifest = camera.footage.manifest;
    const fps = manifest.fps;
    const loop = await loopFrames(camera.footage.main, fps);
    expect(loop).toHaveLength(Math.round(manifest.durationS * fps));
    // A vehicle in the bus lane with its plate in view: the moment an officer would take a still of.
    const vehicle = manifest.vehicles.find((v) => v.expectedContravention !== null && v.plateSamples.some((p) => p.inFrame))!;
    expect(vehicle).toBeDefined();
    const visit = vehicle.zoneVisits[0]!;
    const t = vehicle.plateSamples.find((p) => p.inFrame && p.t >= visit.enterS && p.t <= visit.leaveS)!.t;
    // That moment in a loop recorded with the normal picture (before the fault), inside one segment.
    const loopMs = manifest.durationS * 1000;
    let atMs = 0;
    for (let k = 0; !atMs; k++) {
      const w = camera.loopStartMs + k * loopMs + t * 1000;
      if (w > switchedAt - 500) throw new Error(`no recorded loop of the scene holds its moment ${t} s (segments: ${JSON.stringify(segs().map((s) => [s.startMs, s.endMs]))})`);
      if (segs().some((s) => s.startMs + 100 < w && w < s.endMs - 100)) atMs = Math.round(w);
    }
    const r = await call(core!.url, 'createExport', { token, body: { cameraId: CAMERA_ID, from: atMs - 1000, to: atMs + 1000, original: false, presentation: false, stills: [atMs], reason: 'estate test still', caseReference: null } });
    expect(r.status).toBe(200);
    let job = r.json;
    await until('the still export', async () => {
      job = (await call(core!.url, 'getExport', { token, params: { jobId: r.json.id } })).json;
      return job.state === 'done' || job.state === 'failed';
    }, 60_000);
    expect(job.error).toBeNull();
    const file = (job.files as Array<{ kind: string; name: string; sha256: string }>).find((f) => f.kind === 'still')!;
    const stillPath = path.join(tmp.dir, 'exports', job.id as string, file.name);
    expect(await sha256File(stillPath)).toBe(file.sha256);

    const frame = (await call(core!.url, 'getFrameAt', { token, query: { cameraId: CAMERA_ID, at: atMs } })).json;
    const seg = segs().find((s) => s.id === frame.segmentId)!;
    const still = await imageFrame(stillPath);
    // The still is exactly the frame the index says is shown at that time…
    expect(meanAbsDiff(still, await fileFrame(abs(seg), frame.frameIndex))).toBeLessThan(0.01);
    // …which is the frame of the camera's loop that many frames after the segment's first one…
    const shown = matchLoopFrame(still, loop);
    const first = matchLoopFrame(await fileFrame(abs(seg), 0), loop);
    for (const m of [shown, first]) {
      // Decoded from the same bitstream: identical, and no other frame of the loop is (each carries its frame number).
      expect(m.diff).toBeLessThan(0.01);
      expect(m.runnerUp).toBeGreaterThan(m.diff);
    }
    expect(shown.index).toBe((first.index + frame.frameIndex) % loop.length);
    // …and the scene's own moment, to within a second of when the camera sent it.
    // (The wall-clock mapping itself is tens of ms late at most — see
    // main/media/segment-timing.ts — but the simulated camera skips ahead
    // rather than catching up when its process stalls, so on a loaded
    // machine the frame it "sent at" a time drifts; a second's tolerance
    // still catches a segment start misplaced by a segment or a clock zone.)
    const sent = Math.round(((atMs - camera.loopStartMs) / 1000) * fps) % loop.length;
    expect(loopDistance(shown.index, sent, loop.length), `loop frame shown ${shown.index}, sent at that time ${sent}`).toBeLessThanOrEqual(fps);
  }, 90_000);

  it('leaves nothing running once the core and the estate stop', async () => {
    const { owner } = media.parts;
    const rtspPort = estate.rtspPort;
    const onvifPort = Number(new URL(camera.onvifUrl).port);
    expect(pidsSeen.size).toBeGreaterThanOrEqual(2);
    await core!.stop();
    core = null;
    expect(owner.livePids()).toEqual([]);
    for (const pid of pidsSeen) expect(processGroupAlive(pid)).toBe(false);
    await estate.stop();
    estateStopped = true;
    expect(await portOpen(rtspPort)).toBe(false);
    expect(await portOpen(onvifPort)).toBe(false);
  }, 30_000);
});
