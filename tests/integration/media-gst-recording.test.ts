import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { mediaFeatureWith, type MediaFeature } from '../../main/media/media-feature.js';
import { locateFfmpeg, processGroupAlive, probeFile } from '../../native/index.js';
import { sha256File } from '../../main/media/file-hash.js';
import { call } from '../support/api-client.js';
import { GstRtspServer } from '../support/gst-rtsp-server.js';
import { FakeCameras } from '../support/media-fake-cameras.js';
import { tempDir } from '../support/temp-dir.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * Record from GStreamer's RTSP server, take the camera away, bring it back:
 * the index holds hashed, frame-counted segments, a gap with its cause, and
 * recording resumed within 10 s of the camera's return. Then playback,
 * a deleted file, retention under a lock, and exports, all through the API.
 */
describe('media: record / outage / resume against GStreamer RTSP server', () => {
  const tmp = tempDir('cctv-media-gst-');
  const gst = new GstRtspServer();
  const cams = new FakeCameras();
  let core: Core;
  let media: MediaFeature;
  let token = '';
  let returnedAt = 0;
  let offlineAt = 0;
  const password = 'a long test passphrase';

  beforeAll(async () => {
    await gst.start();
    core = await createCore({
      dataDir: tmp.dir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: null,
      features: [cams.feature(), (c, r) => (media = mediaFeatureWith({ segmentTimeS: 3, minFreeBytes: 0 })(c, r))],
    });
    await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password } });
    token = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
  }, 30_000);

  afterAll(async () => {
    await core?.stop();
    await gst.stop();
    tmp.cleanup();
  }, 30_000);

  it('records, stores a gap with its cause when the camera goes, and resumes within 10 s of its return', async () => {
    // The camera's address is not RTSP: a clear failure, nothing else disturbed.
    cams.set(2, { name: 'Bad Cam', url: 'http://10.0.0.9/stream' });
    cams.set(1, { name: 'Bus Lane North', url: gst.url });
    const statusOf = async (id: number) => (await call(core.url, 'getRecorder', { token, params: { cameraId: id } })).json;
    await until('first segments', () => segs().length >= 3, 30_000);
    expect((await statusOf(2)).state).toBe('failed');
    expect((await statusOf(2)).message).toMatch(/not an rtsp/);

    offlineAt = Date.now();
    await gst.stop();
    await until('a gap to open', () => openGap() !== null, 20_000);
    await sleep(3000);
    await gst.start();
    returnedAt = Date.now();
    await until('recording to resume', () => openGap() === null && segs().some((s) => s.startMs > returnedAt - 1000), 30_000);
    await until('more segments', () => segs().filter((s) => s.startMs > returnedAt).length >= 2, 30_000);

    const all = segs();
    for (const s of all) {
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.frameCount).toBeGreaterThan(0);
      expect(s.cameraOffsetMs === null || s.cameraOffsetMs === 1500).toBe(true);
    }
    const first = all[0]!;
    expect(await sha256File(path.join(tmp.dir, 'recordings', first.path))).toBe(first.sha256);

    const tl = (await call(core.url, 'getTimeline', { token, query: { cameraId: 1, from: all[0]!.startMs - 60_000, to: Date.now() + 1000, buckets: 50 } })).json;
    const gaps = (tl.gaps as Array<{ startMs: number; endMs: number | null; cause: string }>).filter((g) => g.startMs >= offlineAt - 5000);
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    const gap = gaps[gaps.length - 1]!;
    expect(['stream-ended', 'connection-refused', 'timeout', 'unavailable']).toContain(gap.cause);
    expect(gap.endMs).not.toBeNull();
    // Resume: the first footage after the gap began within 10 s of the camera's return.
    expect(gap.endMs! - returnedAt).toBeLessThan(10_000);
  }, 120_000);

  it('serves a playback playlist with PROGRAM-DATE-TIME, byte ranges and the gap, and the segments with ranges', async () => {
    const all = segs();
    const from = new Date(all[0]!.startMs).toISOString();
    const to = new Date(all[all.length - 1]!.endMs).toISOString();
    const res = await fetch(`${core.url}/media/playback/1.m3u8?from=${from}&to=${to}&access_token=${token}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^#EXTM3U\n#EXT-X-VERSION:7/);
    expect(text).toContain('#EXT-X-PROGRAM-DATE-TIME:');
    expect(text).toContain('#EXT-X-MAP:URI="/media/segments/');
    expect(text).toContain('CLASS="uk.gov.council.cctv.gap"');
    expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
    const range = /#EXT-X-BYTERANGE:(\d+)@(\d+)\n(\S+)/.exec(text)!;
    const seg = await fetch(`${core.url}${range[3]}`, { headers: { range: `bytes=${range[2]}-${Number(range[2]) + Number(range[1]) - 1}` } });
    expect(seg.status).toBe(206);
    expect((await seg.arrayBuffer()).byteLength).toBe(Number(range[1]));
    expect((await fetch(`${core.url}/media/playback/1.m3u8?from=${from}&to=${to}`)).status).toBe(401);
  });

  it('serves live view from the fragments being recorded: a playlist that slides, an init and fragments ffprobe decodes', async () => {
    const q = `?access_token=${token}`;
    const playlist = async (): Promise<string> => {
      const res = await fetch(`${core.url}/media/live/1/index.m3u8${q}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return res.text();
    };
    const first = await playlist();
    expect(first).toMatch(/^#EXTM3U\n#EXT-X-VERSION:7\n/);
    expect(first).toContain('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES');
    const seqOf = (t: string): number => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(t)![1]);
    const frags = (t: string): string[] => t.split('\n').filter((l) => l.startsWith('frag-'));
    expect(frags(first).length).toBeGreaterThanOrEqual(2);
    // Each fragment's recorded wall time is listed, and the newest is seconds old at most.
    const pdts = [...first.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/g)].map((m) => Date.parse(m[1]!));
    expect(pdts.length).toBe(frags(first).length);
    expect(Date.now() - pdts.at(-1)!).toBeLessThan(4000);
    // Init plus one fragment is a playable MP4: the camera's own H.264, frames intact.
    const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(first)![1]!;
    const init = Buffer.from(await (await fetch(`${core.url}/media/live/1/${map}`)).arrayBuffer());
    const frag = Buffer.from(await (await fetch(`${core.url}/media/live/1/${frags(first).at(-1)}`)).arrayBuffer());
    const file = path.join(tmp.dir, 'live-sample.mp4');
    writeFileSync(file, Buffer.concat([init, frag]));
    const probed = await probeFile(file, { ffprobePath: locateFfmpeg().ffprobe.path, countFrames: true });
    expect(probed.codec).toBe('h264');
    expect(probed.frames).toBeGreaterThan(0);
    // The window slides: a second later the sequence has moved on and a fragment keeps its number.
    await sleep(2500);
    const second = await playlist();
    expect(seqOf(second)).toBeGreaterThan(seqOf(first));
    const common = frags(first).filter((f) => frags(second).includes(f));
    for (const f of common) expect(second).toContain(f);
    // Blocking reload: asking for the next fragment's playlist answers when it has been recorded (a keyframe interval at most).
    const next = seqOf(second) + frags(second).length;
    const asked = Date.now();
    const res = await fetch(`${core.url}/media/live/1/index.m3u8${q}&_HLS_msn=${next}`);
    expect(res.status).toBe(200);
    const blocked = await res.text();
    expect(frags(blocked)).toContain(`frag-${next}.m4s${q}`);
    expect(Date.now() - asked).toBeLessThan(2500);
    expect((await fetch(`${core.url}/media/live/1/index.m3u8${q}&_HLS_msn=${next + 10}`)).status).toBe(400);
    // Fragments not (or no longer) held and unknown names are clear 404s; no token, no picture.
    expect((await fetch(`${core.url}/media/live/1/frag-999999.m4s${q}`)).status).toBe(404);
    expect((await fetch(`${core.url}/media/live/1/live-3.m4s${q}`)).status).toBe(404);
    expect((await fetch(`${core.url}/media/live/1/index.m3u8`)).status).toBe(401);
    expect((await fetch(`${core.url}/media/live/99/index.m3u8${q}`)).status).toBe(404);
  });

  it('maps a wall time to a frame with the camera timestamp', async () => {
    const s = segs()[1]!;
    const r = await call(core.url, 'getFrameAt', { token, query: { cameraId: 1, at: s.startMs + 1000 } });
    expect(r.status).toBe(200);
    expect(r.json.segmentId).toBe(s.id);
    expect(r.json.frameIndex).toBeGreaterThanOrEqual(23);
    expect(r.json.frameIndex).toBeLessThanOrEqual(26);
    expect(r.json.nextFrameMs - r.json.frameMs).toBeGreaterThan(30);
  });

  it('exports original, presentation and a still with hashes, and locks the range', async () => {
    const all = segs().filter((s) => s.startMs > returnedAt);
    const from = all[0]!.startMs + 500;
    const to = from + 3000;
    const r = await call(core.url, 'createExport', { token, body: { cameraId: 1, from, to, original: true, presentation: true, stills: [from + 1000], reason: 'test export', caseReference: 'CASE-1' } });
    expect(r.status).toBe(200);
    const jobId = r.json.id as string;
    let job = r.json;
    for (let i = 0; i < 240 && job.state !== 'done' && job.state !== 'failed'; i++) {
      await sleep(500);
      job = (await call(core.url, 'getExport', { token, params: { jobId } })).json;
    }
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    const dir = path.join(tmp.dir, 'exports', jobId);
    for (const f of job.files as Array<{ name: string; sha256: string; kind: string }>) {
      expect(f.name).toMatch(/^Bus-Lane-North_\d{8}T\d{6}Z_(original|presentation|still)\.(mp4|png)$/);
      expect(await sha256File(path.join(dir, f.name))).toBe(f.sha256);
    }
    const byKind = (k: string) => (job.files as Array<{ name: string; kind: string; url: string }>).find((f) => f.kind === k)!;
    const ffprobePath = 'ffprobe';
    const orig = await probeFile(path.join(dir, byKind('original').name), { ffprobePath, countFrames: true });
    expect(orig.codec).toBe('h264');
    expect(orig.durationS!).toBeGreaterThan(2.9);
    const pres = await probeFile(path.join(dir, byKind('presentation').name), { ffprobePath, countFrames: true });
    expect(pres.codec).toBe('h264');
    expect(Math.abs(pres.frames! - 75)).toBeLessThanOrEqual(2);
    const still = await probeFile(path.join(dir, byKind('still').name), { ffprobePath });
    expect([still.codec, still.width, still.height]).toEqual(['png', 640, 360]);
    const locks = (await call(core.url, 'listLocks', { token, query: { cameraId: 1 } })).json;
    expect(locks.some((l: { id: number }) => l.id === job.lockId)).toBe(true);
    const dl = await fetch(`${core.url}${byKind('still').url}?access_token=${token}`);
    expect(dl.status).toBe(200);
  }, 150_000);

  it('reports a file deleted behind the app as a gap and keeps the rest playable', async () => {
    const all = segs();
    const victim = all[1]!;
    rmSync(path.join(tmp.dir, 'recordings', victim.path));
    const res = await fetch(`${core.url}/media/playback/1.m3u8?from=${all[0]!.startMs}&to=${all[all.length - 1]!.endMs}&access_token=${token}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('X-CAUSE="file-missing"');
    expect(text).not.toContain(`/media/segments/${victim.id}.mp4`);
    expect(text).toContain(`/media/segments/${all[2]!.id}.mp4`);
    const f = await call(core.url, 'getFrameAt', { token, query: { cameraId: 1, at: victim.startMs + 100 } });
    expect(f.status).toBe(404);
  });

  it('retention deletes old footage but never locked footage', async () => {
    // A 1-day retention swept two days from now: everything has aged out except what is locked.
    const all = segs();
    const locked = all[0]!;
    await call(core.url, 'createLock', { token, body: { cameraId: 1, from: locked.startMs, to: locked.endMs, reason: 'disclosure request', caseReference: null } });
    const sweepNow = Date.now() + 2 * 86_400_000;
    cams.set(1, { name: 'Bus Lane North', url: gst.url, retentionDays: 1 });
    const r = media_sweepAt(sweepNow);
    expect(r.keptByLock).toBeGreaterThanOrEqual(1);
    expect(r.deleted).toBeGreaterThan(0);
    expect(existsSync(path.join(tmp.dir, 'recordings', locked.path))).toBe(true);
    const deletions = (await call(core.url, 'listDeletions', { token, query: { cameraId: 1 } })).json;
    expect(deletions.length).toBe(r.deleted);
  }, 60_000);

  it('leaves no process running after stop', async () => {
    const owner = mediaParts().owner;
    await core.stop();
    expect(owner.livePids()).toEqual([]);
    const pid = gst.pid();
    await gst.stop();
    if (pid) expect(processGroupAlive(pid)).toBe(false);
  }, 30_000);

  function mediaParts(): MediaFeature['parts'] {
    return media.parts;
  }
  function segs() {
    return mediaParts().store.segmentsBetween(1, 0, Number.MAX_SAFE_INTEGER);
  }
  function openGap() {
    return mediaParts().store.openGapOf(1) ?? null;
  }
  function media_sweepAt(now: number) {
    return mediaParts().retention.sweep(now);
  }
});
