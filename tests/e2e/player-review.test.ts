/// <reference lib="dom" />
/**
 * The review player end to end in Chromium against a real core serving a
 * synthesised recording: open Review, pick the camera and a time, seek, step
 * 10 frames (the frame counter moves by exactly 10 and agrees with the
 * painted frame's media time × fps), mark in and out, export original +
 * presentation + a still, wait for the progress bar, then check the files with
 * ffprobe and their SHA-256 against what the UI shows. Then a segment file is
 * deleted behind the app's back: the UI says so and the rest still plays.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg, runOnce } from '../../native/index.js';
import { FIXTURE_FPS, startPlayerFixture, type PlayerFixture } from '../support/player-fixture.js';
import { watchPage, type BrowserWatch } from './support/browser-watch.js';
import { waitForNoChildren } from './support/child-processes.js';
import { closeAppContext, openAppContext } from './support/app-browser.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const rendererDir = path.join(root, 'dist', 'renderer');
const shots = process.env.PLAYER_SCREENSHOTS ?? null;

async function ffprobe(file: string): Promise<{ codec: string; frames: number; duration: number }> {
  const { ffprobe: probe } = locateFfmpeg();
  const r = await runOnce({
    command: probe.path,
    args: ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=codec_name,nb_read_packets:format=duration', '-of', 'json', file],
    timeoutMs: 60_000,
  });
  const j = JSON.parse(r.stdout.toString()) as { streams: { codec_name: string; nb_read_packets: string }[]; format: { duration: string } };
  return { codec: j.streams[0]!.codec_name, frames: Number(j.streams[0]!.nb_read_packets), duration: Number(j.format.duration) };
}

describe('review player', () => {
  let fx: PlayerFixture;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** One per page the tests opened: nothing may go wrong on any of them. */
  const watches: BrowserWatch[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(rendererDir, 'index.html'))) {
      const { build } = await import('vite');
      await build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
    }
    fx = await startPlayerFixture({ hours: 1, rendererDir, secondCamera: true });
    // Signed in as the officer: the token goes where the renderer keeps it.
    ({ browser, context } = await openAppContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, timeoutMs: 20_000, sessionToken: fx.tokens.officer }));
  }, 180_000);

  afterAll(async () => {
    await closeAppContext(context, browser);
    await fx?.stop();
    expect(await waitForNoChildren()).toEqual([]);
  });

  const frameNumber = async () => Number(await page.getByTestId('frame-number').textContent());
  const paintedMediaTime = () => page.evaluate(() => new Promise<number>((resolve) => {
    const v = document.querySelector('video')!;
    // Already painted and paused: ask for the next paint by re-seeking to the same time.
    v.requestVideoFrameCallback((_n, m) => resolve(m.mediaTime));
    const t = v.currentTime;
    v.currentTime = t;
  }));
  const utc = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 23)}Z`;
  const masterWall = async () => Date.parse((await page.getByTestId('time-utc').textContent())!.replace(' ', 'T'));
  /** "2026-03-14T09:41:00" in UK local time, as the chooser's datetime-local input takes it. */
  const ukLocal = (ms: number) => page.evaluate((at) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  }, ms);

  /**
   * Each test starts from a freshly loaded Review page (nothing carried over
   * from the test before: no player, shuttle, notice or marks), opens the
   * footage at `at` (a whole second: a frame boundary) and waits until that
   * frame is painted, paused, with the keyboard given to the player.
   */
  const openFootage = async (at: number, opts: { second?: number } = {}) => {
    // A new page, the previous one closed (its player, hls.js loaders and
    // requests with it): nothing is carried over from the test before.
    await context.pages().at(-1)?.close();
    page = await context.newPage();
    watches.push(await watchPage(page));
    await page.goto(`${fx.url}/#/review`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Review');
    const chooser = page.getByRole('form', { name: 'Choose footage' });
    await expect.poll(() => chooser.getByLabel('Camera', { exact: true }).locator('option').first().textContent()).toContain(fx.cameraName);
    await chooser.getByLabel('Camera', { exact: true }).selectOption(String(fx.cameraId));
    await chooser.getByLabel(/Play in sync with/).selectOption(opts.second === undefined ? '' : String(opts.second));
    await chooser.getByLabel('Time (UK local)').fill(await ukLocal(at));
    await chooser.getByRole('button', { name: 'Open footage' }).click();
    await expect.poll(() => page.getByTestId('time-utc').textContent(), { timeout: 20_000 }).toBe(utc(at));
    await expect.poll(() => page.getByTestId('play-state').textContent()).toBe('Paused');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
  };

  it('opens the footage at the chosen time and shows frame number, UK, UTC and camera time', async () => {
    // 10 minutes into the recording, 4.2 s into a segment, in UK local time.
    const at = fx.fromMs + 10 * 60_000 + 4_000;
    await openFootage(at);
    expect(await frameNumber()).toBe(4 * FIXTURE_FPS);
    // The simulated camera runs 1.2 s ahead.
    await expect.poll(() => page.getByTestId('time-camera').textContent()).toBe(utc(at + 1_200));
    if (shots) await page.screenshot({ path: path.join(shots, 'player-review-open.png'), fullPage: true });
  });

  it('seeks by the timeline and steps exactly 10 frames each way with → and ←', async () => {
    await openFootage(fx.fromMs + 10 * 60_000 + 4_000);
    const before = await masterWall();
    const slider = page.getByRole('slider', { name: /Timeline/ });
    // The timeline is below the fold: a click at page coordinates would miss it.
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    // 70% along the hour shown around 10:04 into the recording: 22:04 in, inside the footage.
    await slider.click({ position: { x: box.width * 0.7, y: 30 } });
    // The seek has landed, minutes from where the footage opened.
    await expect.poll(async () => Math.abs((await masterWall()) - before), { timeout: 20_000 }).toBeGreaterThan(60_000);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const start = await frameNumber();
    const startMedia = await paintedMediaTime();
    const base = start > 200 ? start - 20 : start;
    if (base !== start) {
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
      await expect.poll(frameNumber).toBe(base);
    }
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(frameNumber).toBe(base + 10);
    const media = await paintedMediaTime();
    expect(Math.round((media - startMedia) * FIXTURE_FPS)).toBe(base + 10 - start);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(frameNumber).toBe(base + 7);
  });

  it('marks in and out and exports original, presentation and a still with hashes shown', async () => {
    await openFootage(fx.fromMs + 10 * 60_000 + 4_000);
    const inAt = await page.getByTestId('time-utc').textContent();
    await page.keyboard.press('i');
    for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await page.getByTestId('time-utc').textContent()) !== inAt).toBe(true);
    await page.keyboard.press('o');
    await expect.poll(() => page.getByTestId('mark-out').textContent()).not.toBe('not set');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export footage' });
    await dialog.getByLabel('Reason').fill('PCN evidence for the e2e test');
    await dialog.getByRole('button', { name: 'Start export' }).click();
    // The job's state badge, or the dialog's error if the core refused the export (so a failure says why).
    const outcome = async () => {
      const badge = await dialog.locator('.export-job .badge').allTextContents();
      if (badge.length) return badge[0];
      const alerts = await dialog.getByRole('alert').allTextContents();
      return alerts.length ? `refused: ${alerts.join(' ')}` : 'not listed yet';
    };
    await expect.poll(outcome, { timeout: 120_000 }).toBe('done');
    if (shots) await page.screenshot({ path: path.join(shots, 'player-export.png'), fullPage: true });
    const rows = await dialog.locator('.export-files tbody tr').evaluateAll((trs) => trs.map((tr) => ({ name: tr.getAttribute('data-file')!, kind: tr.children[1]!.textContent!, sha: tr.children[3]!.textContent! })));
    expect(rows.map((r) => r.kind).sort()).toEqual(['original', 'presentation', 'still']);
    const exportsRoot = path.join(fx.dataDir, 'exports');
    const all = readdirSync(exportsRoot, { recursive: true }).map(String);
    for (const r of rows) {
      expect(r.name).toMatch(/_\d{8}T\d{6}Z_/);
      const rel = all.find((p) => path.basename(p) === r.name);
      expect(rel, r.name).toBeDefined();
      const file = path.join(exportsRoot, rel!);
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(r.sha);
      const probe = await ffprobe(file);
      if (r.kind === 'still') expect(probe.codec).toBe('png');
      else {
        expect(probe.codec).toBe('h264');
        // 50 frames marked (2 s); the original starts at the keyframe before the in mark (≤ 1 s earlier).
        expect(probe.duration).toBeGreaterThanOrEqual(1.9);
        expect(probe.frames).toBeGreaterThanOrEqual(r.kind === 'presentation' ? 50 : 50);
        expect(probe.frames).toBeLessThanOrEqual(r.kind === 'presentation' ? 52 : 76);
      }
      expect(statSync(file).size).toBeGreaterThan(0);
    }
    await dialog.getByRole('button', { name: 'Close' }).first().click();
  }, 180_000);

  it('says clearly when a segment file was deleted behind the app and keeps the rest playable', async () => {
    // The segment 20 minutes in is deleted; playing across it must skip it.
    const index = 120;
    rmSync(fx.segmentFile(index));
    const at = fx.fromMs + index * 10_000 - 2_000;
    // A fresh page: its playlist request is the first read since the deletion,
    // so the core finds the file gone, leaves it out and records the gap.
    await openFootage(at);
    await page.keyboard.press('l');
    await page.keyboard.press('l');
    await expect.poll(() => page.getByTestId('play-state').textContent()).toMatch(/^Playing/);
    // Either the playlist already left the file out (a gap) or hls.js met the 404: both are said in words.
    await expect.poll(async () => (await page.getByRole('alert').allTextContents()).join(' ') + (await page.locator('.tl-gap title').allTextContents()).join(' '), { timeout: 30_000 }).toMatch(/missing|deleted/i);
    // Playback goes on past it.
    await expect.poll(async () => Date.parse(`${(await page.getByTestId('time-utc').textContent())!.replace(' ', 'T')}`), { timeout: 30_000 }).toBeGreaterThan(fx.fromMs + (index + 1) * 10_000);
    if (shots) await page.screenshot({ path: path.join(shots, 'player-missing.png'), fullPage: true });
  }, 90_000);

  it('plays two cameras at one location in sync, and J plays backwards', async () => {
    const at = fx.fromMs + 5 * 60_000 + 3_000;
    await openFootage(at, { second: fx.second!.id });
    expect(await page.locator('video').count()).toBe(2);
    const followerWall = async () => Number((await page.getByTestId('follower-time').getAttribute('data-wall-ms', { timeout: 1_000 }).catch(() => null)) ?? NaN);
    const together = async () => {
      const [m, f] = [await masterWall(), await followerWall()];
      if (m === f) return m;
      // Said first, as a failure message shows only the start of it.
      const videos = await page.evaluate(() => Array.from(document.querySelectorAll('video')).map((v) => `${v.paused ? 'paused' : 'playing'} at ${v.currentTime.toFixed(3)}${v.seeking ? ' seeking' : ''}`).join(', '));
      return `follower ${f - m} ms from master ${m} (videos: ${videos})`;
    };
    // Both cameras rest on one moment: the same value twice, 400 ms apart (the
    // last frame painted while playing, and the readouts, arrive after the
    // pause itself).
    const settledTogether = async () => {
      const first = await together();
      await page.waitForTimeout(400);
      const second = await together();
      return first === second ? first : `moving: ${first} then ${second}`;
    };
    // Opened paused: the second camera shows the frame recorded at the same moment.
    await expect.poll(followerWall, { timeout: 20_000 }).toBe(at);

    // Play both, then pause: they stop on the same moment.
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByTestId('play-state').textContent()).toBe('Playing 1×');
    await expect.poll(masterWall, { timeout: 20_000 }).toBeGreaterThan(at + 1_000);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByTestId('play-state').textContent()).toBe('Paused');
    // Paused, both cameras come to rest on one moment; let the picture settle
    // (the pause lands on a frame boundary) before counting steps from it.
    await expect.poll(settledTogether, { timeout: 20_000 }).toBeTypeOf('number');
    const paused = (await settledTogether()) as number;
    expect(paused).toBeTypeOf('number');

    // Frame steps move both.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(masterWall).toBe(paused + 5 * (1000 / FIXTURE_FPS));
    await expect.poll(followerWall, { timeout: 20_000 }).toBe(paused + 5 * (1000 / FIXTURE_FPS));

    // J plays backwards (by stepping: Media Source Extensions cannot play in reverse); K stops it.
    const before = await masterWall();
    await page.keyboard.press('j');
    await expect.poll(() => page.getByTestId('play-state').textContent()).toBe('Reverse 1×');
    await expect.poll(masterWall, { timeout: 20_000 }).toBeLessThan(before - 400);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByTestId('play-state').textContent()).toBe('Paused');
    // Stopped, both cameras rest on the same moment, and stay there.
    await expect.poll(settledTogether, { timeout: 20_000 }).toBeTypeOf('number');
    await page.waitForTimeout(1_000);
    const back = await together();
    expect(back).toBeTypeOf('number');
    expect(back as number).toBeLessThan(before);
    if (shots) await page.screenshot({ path: path.join(shots, 'player-sync.png') });
    expect(watches.flatMap((w) => w.pageErrors)).toEqual([]);
    expect(watches.flatMap((w) => w.cspViolations)).toEqual([]);
  }, 120_000);
});
