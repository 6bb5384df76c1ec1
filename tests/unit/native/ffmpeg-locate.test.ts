import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegNotFoundError, locateBinary, locateFfmpeg, toUnpackedAsarPath } from '../../../native/ffmpeg-locate.js';

// Fake executables in temp folders: resolution only checks files, it runs nothing.
const root = mkdtempSync(path.join(tmpdir(), 'cctv-locate-'));
function fakeExe(dir: string, name: string): string {
  mkdirSync(path.join(root, dir), { recursive: true });
  const p = path.join(root, dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, 0o755);
  return p;
}
const sysFfmpeg = fakeExe('sys', 'ffmpeg');
const sysFfprobe = fakeExe('sys', 'ffprobe');
const custom = fakeExe('custom', 'ffmpeg');
const customProbe = fakeExe('custom', 'ffprobe');
const staticBin = fakeExe('static', 'ffmpeg');
const envFfmpeg = fakeExe('env', 'ffmpeg');
const notExec = path.join(root, 'sys', 'noexec');
writeFileSync(notExec, '');
const PATH = path.join(root, 'sys');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('locateBinary', () => {
  it('prefers the setting, then CCTV_*, then FFMPEG_BIN, then ffmpeg-static, then PATH', () => {
    const env = { PATH, CCTV_FFMPEG: envFfmpeg, FFMPEG_BIN: custom };
    expect(locateBinary('ffmpeg', { ffmpegPath: custom, env, ffmpegStaticPath: staticBin })).toMatchObject({ path: custom, source: 'setting' });
    expect(locateBinary('ffmpeg', { env, ffmpegStaticPath: staticBin })).toMatchObject({ path: envFfmpeg, source: 'env', detail: 'CCTV_FFMPEG' });
    expect(locateBinary('ffmpeg', { env: { PATH, FFMPEG_BIN: custom }, ffmpegStaticPath: staticBin })).toMatchObject({ source: 'env', detail: 'FFMPEG_BIN' });
    expect(locateBinary('ffmpeg', { env: { PATH }, ffmpegStaticPath: staticBin })).toMatchObject({ path: staticBin, source: 'ffmpeg-static' });
    expect(locateBinary('ffmpeg', { env: { PATH }, ffmpegStaticPath: path.join(root, 'nowhere', 'ffmpeg') })).toMatchObject({ path: sysFfmpeg, source: 'system' });
    expect(locateBinary('ffmpeg', { env: { PATH }, ffmpegStaticPath: null })).toMatchObject({ path: sysFfmpeg, source: 'system' });
  });
  it('finds ffprobe beside a non-system ffmpeg, else on PATH', () => {
    const tools = locateFfmpeg({ ffmpegPath: custom, env: { PATH }, ffmpegStaticPath: null });
    expect(tools.ffprobe).toMatchObject({ path: customProbe, source: 'beside-ffmpeg' });
    const t2 = locateFfmpeg({ env: { PATH }, ffmpegStaticPath: staticBin });
    expect(t2.ffprobe).toMatchObject({ path: sysFfprobe, source: 'system' });
    expect(locateBinary('ffprobe', { env: { PATH, FFPROBE_BIN: customProbe } })).toMatchObject({ source: 'env', detail: 'FFPROBE_BIN' });
  });
  it('errors loudly on a configured path that is missing or not executable', () => {
    expect(() => locateBinary('ffmpeg', { ffmpegPath: '/nope/ffmpeg', env: { PATH } })).toThrow(/configured ffmpeg path/);
    expect(() => locateBinary('ffmpeg', { env: { PATH, CCTV_FFMPEG: notExec } })).toThrow(/CCTV_FFMPEG/);
  });
  it('explains what to install when nothing is found', () => {
    let err: unknown;
    try {
      locateBinary('ffmpeg', { env: { PATH: path.join(root, 'empty') }, ffmpegStaticPath: null });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FfmpegNotFoundError);
    expect((err as Error).message).toMatch(/apt-get install ffmpeg/);
    expect((err as Error).message).toMatch(/CCTV_FFMPEG=/);
    expect((err as Error).message).toMatch(/ffmpeg-static/);
  });
  it('rewrites app.asar to app.asar.unpacked', () => {
    expect(toUnpackedAsarPath('/opt/App/resources/app.asar/node_modules/ffmpeg-static/ffmpeg'))
      .toBe('/opt/App/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg');
    expect(toUnpackedAsarPath('C:\\App\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe'))
      .toBe('C:\\App\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe');
    expect(toUnpackedAsarPath('/x/app.asar.unpacked/ffmpeg')).toBe('/x/app.asar.unpacked/ffmpeg');
  });
  it('copes with the real ffmpeg-static whose binary was never downloaded', () => {
    // Default ffmpegStaticPath: the installed module's export, which does not exist here.
    const r = locateBinary('ffmpeg', { env: { PATH } });
    expect(r.source).toBe('system');
  });
});
