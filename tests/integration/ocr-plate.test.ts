/**
 * The OCR assist over real HTTP with real ffmpeg and Tesseract: a plate
 * drawn with ffmpeg (as the simulated estate draws them) is read from a PNG,
 * from a JPEG, and from a box drawn on a recorded frame; the UK-format
 * correction is reported, never applied silently; bad pictures get a clear
 * error; and nothing is left running afterwards.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { fmp4InitBytes } from '../../main/media/mp4-boxes.js';
import { sha256File } from '../../main/media/file-hash.js';
import { RecordingsStore } from '../../main/store/recordings-store.js';
import { Store } from '../../main/store/store.js';
import { locateFfmpeg, runOnce } from '../../native/index.js';
import { PLATE_FONT } from '../../fixtures/footage/scene-layout.js';
import { call } from '../support/api-client.js';
import { tempDir } from '../support/temp-dir.js';
import { waitForNoChildren } from '../e2e/support/child-processes.js';

const ffmpeg = () => locateFfmpeg().ffmpeg.path;
const plateFilter = (vrm: string, x: number, y: number) =>
  `drawbox=x=${x}:y=${y}:w=310:h=72:c=0xf7c600:t=fill,drawbox=x=${x}:y=${y}:w=310:h=72:c=black:t=2,drawtext=fontfile=${PLATE_FONT}:text='${vrm}':fontsize=60:fontcolor=black:x=${x}+(310-tw)/2:y=${y}+(72-th)/2`;

describe('OCR assist', () => {
  const tmp = tempDir('cctv-ocr-');
  let core: Core;
  let token: string;
  const segStart = Math.floor((Date.now() - 3600_000) / 10_000) * 10_000;

  beforeAll(async () => {
    // A 2-second recording: a car-coloured frame with a yellow plate at (400, 300).
    const source = path.join(tmp.dir, 'seg.mp4');
    await runOnce({
      command: ffmpeg(),
      args: ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x1f4fa0:s=1280x720:r=25:d=2', '-vf', plateFilter('KV05 DSJ', 400, 300),
        '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '25', '-bf', '0', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', source],
      timeoutMs: 60_000,
    });
    const dataDir = path.join(tmp.dir, 'data');
    mkdirSync(path.join(dataDir, 'recordings', 'camera-1'), { recursive: true });
    const rel = 'camera-1/seg.mp4';
    copyFileSync(source, path.join(dataDir, 'recordings', 'camera-1', 'seg.mp4'));
    const store = Store.open(dataDir);
    try {
      new RecordingsStore(store.db).insertSegment({
        cameraId: 1, startMs: segStart, endMs: segStart + 2000, frameCount: 50, bytes: statSync(source).size, initBytes: fmp4InitBytes(source)!, path: rel,
        sha256: await sha256File(source), keyframes: [0, 1], cameraOffsetMs: null, indexedAt: Date.now(),
      });
    } finally {
      store.close();
    }
    core = await createCore({ dataDir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: null });
    const password = 'a long test passphrase';
    await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password } });
    token = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
  }, 120_000);

  afterAll(async () => {
    await core?.stop();
    tmp.cleanup();
    expect(await waitForNoChildren()).toEqual([]);
  });

  async function picture(vrm: string, ext: 'png' | 'jpg', extra = ''): Promise<string> {
    const file = path.join(tmp.dir, `${vrm.replace(' ', '')}${extra ? '-x' : ''}.${ext}`);
    await runOnce({ command: ffmpeg(), args: ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x1f4fa0:s=330x92:d=0.04', '-vf', `${plateFilter(vrm, 10, 10)}${extra}`, '-frames:v', '1', file] });
    return readFileSync(file).toString('base64');
  }

  it('reads a plate picture (PNG) and says how confident it is', async () => {
    const r = await call(core.url, 'ocrImage', { token, body: { image: await picture('MJ15 CUE', 'png') } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ raw: 'MJ15CUE', suggestion: 'MJ15CUE', display: 'MJ15 CUE', format: 'current', valid: true, changes: [] });
    expect(r.json.confidence).toBeGreaterThan(50);
    expect(r.json.confidence).toBeLessThanOrEqual(100);
  });

  it('reads a JPEG, blurred, through ffmpeg', async () => {
    const r = await call(core.url, 'ocrImage', { token, body: { image: `data:image/jpeg;base64,${await picture('SH64 NXR', 'jpg', ',gblur=sigma=1.5')}` } });
    expect(r.status).toBe(200);
    expect(r.json.suggestion).toBe('SH64NXR');
  });

  it('reads the plate in a box drawn on a recorded frame, listing any correction', async () => {
    // The box the officer drew, in fractions of the picture: a little round the plate at (400, 300, 310x72).
    const box = { x: 390 / 1280, y: 290 / 720, w: 330 / 1280, h: 92 / 720 };
    const r = await call(core.url, 'ocrFrame', { token, body: { cameraId: 1, at: segStart + 1000, box } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.suggestion).toBe('KV05DSJ');
    expect(r.json.frame.frameIndex).toBe(25);
    // Whatever Tesseract made of the 0, the correction is listed, never silent.
    if (r.json.raw !== r.json.suggestion) expect(r.json.changes.length).toBeGreaterThan(0);
    else expect(r.json.changes).toEqual([]);
    const audit = await call(core.url, 'searchAudit', { token, query: { action: 'ocr.frame' } });
    expect(JSON.stringify(audit.json)).toContain('ocr.frame');
  });

  it('says clearly what is wrong with a bad request', async () => {
    let r = await call(core.url, 'ocrImage', { token, body: { image: Buffer.from('this is not a picture at all').toString('base64') } });
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/neither PNG nor JPEG/);
    r = await call(core.url, 'ocrFrame', { token, body: { cameraId: 1, at: segStart + 1000, box: { x: 0.9, y: 0.5, w: 0.5, h: 0.1 } } });
    expect(r.status).toBe(400);
    r = await call(core.url, 'ocrFrame', { token, body: { cameraId: 1, at: segStart - 3600_000, box: { x: 0.3, y: 0.4, w: 0.25, h: 0.12 } } });
    expect(r.status).toBe(404);
  });
});
