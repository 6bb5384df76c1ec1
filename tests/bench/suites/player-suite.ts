/// <reference lib="dom" />
/**
 * Review player latency in Chromium over a 24-hour recording (8,640
 * segments): seek (from the seek to the new frame painted, as the officer
 * sees it: the player's frame readout changes, which it does from
 * requestVideoFrameCallback) and frame step (→), each beside the same seek or
 * step in a plain hls.js page on the same playlist in the same run: the
 * Review page loads the whole day (the plain page's playlist exactly), the
 * plain page seeks to the very media times the player chose for each click,
 * the two take turns (so the shared machine's load falls on both alike), and
 * each waits the same between seeks (an officer looks at each frame).
 * The plain page is served by this suite and proxies /media to the core.
 * Then live.delay_s: the Live page's one-camera grid recording a simulated
 * RTSP camera (no baseline: there is no plain way to say it).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { percentile, type BenchSuite, type Figure } from '../figure.js';
import { startLiveFixture, startPlayerFixture } from '../../support/player-fixture.js';
import { launchChromium } from '../../support/launch-chromium.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const seeks = 40;
const steps = 40;

function servePlain(coreUrl: string): Promise<http.Server> {
  const files: Record<string, [string, string]> = {
    '/': [path.join(root, 'tests', 'bench', 'plain-hls', 'index.html'), 'text/html'],
    '/plain.js': [path.join(root, 'tests', 'bench', 'plain-hls', 'plain.js'), 'text/javascript'],
    '/hls.min.js': [path.join(root, 'node_modules', 'hls.js', 'dist', 'hls.min.js'), 'text/javascript'],
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const f = files[url.pathname];
    if (f) {
      res.writeHead(200, { 'content-type': f[1] });
      res.end(readFileSync(f[0]));
      return;
    }
    // Media: forwarded to the core (same bytes the player gets).
    void fetch(`${coreUrl}${req.url}`, { headers: { authorization: String(req.headers.authorization ?? ''), range: String(req.headers.range ?? '') } }).then(async (r) => {
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(Buffer.from(await r.arrayBuffer()));
    }, () => res.writeHead(502).end());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * How far behind the camera the Live page's one-camera grid is: the tile's
 * own readout (wall clock minus the PROGRAM-DATE-TIME of the frame playing),
 * sampled twice a second for 15 s after 5 s to settle; the median, seconds.
 * The camera is the simulated estate's over RTSP, recorded by the core.
 */
async function liveDelay(): Promise<number> {
  const fx = await startLiveFixture({ rendererDir: path.join(root, 'dist', 'renderer') });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, timezoneId: 'Europe/London' });
    await context.addInitScript((t) => window.sessionStorage.setItem('cctv.session-token', t), fx.tokens.officer);
    const page = await context.newPage();
    await page.goto(`${fx.url}/#/live`);
    await page.getByRole('button', { name: '1 camera' }).click();
    const readout = page.getByTestId('live-delay').first();
    await readout.and(page.locator('[data-delay-ms]:not([data-delay-ms=""])')).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(5_000);
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const ms = Number(await readout.getAttribute('data-delay-ms'));
      if (Number.isFinite(ms)) samples.push(ms / 1000);
      await page.waitForTimeout(500);
    }
    await context.close();
    if (samples.length === 0) throw new Error('the live tile never showed a delay');
    return percentile([...samples].sort((a, b) => a - b), 50);
  } finally {
    await browser.close();
    await fx.stop();
  }
}

export const playerSuite: BenchSuite = {
  name: 'player',
  async run(): Promise<Figure[]> {
    const review = await reviewLatency();
    // The live core starts after the review core has stopped: one at a time on this machine.
    const live = await liveDelay();
    return [
      ...review,
      { name: 'live.delay_s', value: Math.round(live * 100) / 100, unit: 's', baseline: null, baselineLabel: 'none (wall clock − PROGRAM-DATE-TIME of the frame on screen)', goal: '≤ 2 s' },
    ];
  },
};

/** seek.median_ms, seek.p95_ms and step.median_ms, each beside the plain hls.js page. */
async function reviewLatency(): Promise<Figure[]> {
  const fx = await startPlayerFixture({ hours: 24, rendererDir: path.join(root, 'dist', 'renderer') });
  const plain = await servePlain(fx.url);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, timezoneId: 'Europe/London' });
    await context.addInitScript((t) => window.sessionStorage.setItem('cctv.session-token', t), fx.tokens.officer);
    // Deterministic "random" positions across the day.
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const fractions = Array.from({ length: seeks }, () => 0.02 + rnd() * 0.96);

    // The workstation's Review page with the whole day loaded: opened at the
    // recording's exact middle with a 24-hour window, its playlist is the
    // very one the plain page plays.
    // A shared machine can be slow to start a page: generous waits, never a hang.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${fx.url}/#/review`);
    await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
    const chooser = page.getByRole('form', { name: 'Choose footage' });
    await chooser.getByLabel('Load').selectOption('86400000');
    const mid = fx.fromMs + (fx.toMs - fx.fromMs) / 2;
    const uk = await page.evaluate((ms) => {
      const q = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      return `${q.year}-${q.month}-${q.day}T${q.hour}:${q.minute}:${q.second}`;
    }, mid);
    await chooser.getByLabel('Time (UK local)').fill(uk);
    await chooser.getByRole('button', { name: 'Open footage' }).click();
    await page.getByTestId('time-utc').filter({ hasText: /Z$/ }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '24 h' }).click();
    // Time from a click on the timeline (or a → key) to the readout
    // changing, which it does when the new frame is painted (rVFC); then
    // the media time the player chose, for the plain page to seek to.
    const timeToReadout = (act: string, arg: number) =>
      page.evaluate(
        ([a, x]) =>
          new Promise<{ ms: number; mediaTime: number }>((resolve) => {
            const el = document.querySelector('[data-testid="time-utc"]')!;
            const before = el.textContent;
            const obs = new MutationObserver(() => {
              if (el.textContent !== before) {
                obs.disconnect();
                resolve({ ms: performance.now() - t0, mediaTime: document.querySelector('video')!.currentTime });
              }
            });
            obs.observe(el, { characterData: true, childList: true, subtree: true });
            const t0 = performance.now();
            if (a === 'seek') {
              const svg = document.querySelector('.timeline__svg')!;
              const r = svg.getBoundingClientRect();
              const opts = { clientX: r.left + (x as number) * r.width, clientY: r.top + 30, bubbles: true, pointerId: 1 };
              svg.dispatchEvent(new PointerEvent('pointerdown', opts));
              svg.dispatchEvent(new PointerEvent('pointerup', opts));
            } else window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
          }),
        [act, arg] as const,
      );
    // The plain hls.js page beside it: the same playlist. The two are timed
    // turn about (each seek and each step on one, then the same on the other),
    // so load on this shared machine falls on both alike.
    const p = await context.newPage();
    const src = `/media/playback/${fx.cameraId}.m3u8?from=${fx.fromMs}&to=${fx.toMs}`;
    await p.goto(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/?token=${encodeURIComponent(fx.tokens.officer)}&src=${encodeURIComponent(src)}`);
    const total = await p.evaluate(() => (window as unknown as { benchReady: Promise<number> }).benchReady);
    const plainSeekTo = (t: number) => p.evaluate((x) => (window as unknown as { benchSeek: (t: number) => Promise<number> }).benchSeek(x), t);
    const plainStepOn = () => p.evaluate(() => (window as unknown as { benchStep: () => Promise<number> }).benchStep());
    await plainSeekTo(Math.floor(total / 2) + 0.5 / 25);
    // Let both settle (timeline, frame lookup, first fragments) before timing.
    await page.waitForTimeout(1_000);
    const appSeek: number[] = [];
    const plainSeek: number[] = [];
    // Only the tab in front paints at full rate: each page is brought to the
    // front, and given a moment, before it is timed.
    const front = async (which: typeof page, settleMs: number) => {
      await which.bringToFront();
      await which.waitForTimeout(settleMs);
    };
    for (const f of fractions) {
      // An officer looks at the frame before the next click: the player's
      // after-seek work (frame lookup, timeline) is not the next seek's cost.
      await front(page, 250);
      const r = await timeToReadout('seek', f);
      appSeek.push(r.ms);
      // The plain page seeks to the very media time the player chose.
      await front(p, 250);
      plainSeek.push(await plainSeekTo(r.mediaTime));
    }
    const appStep: number[] = [];
    const plainStep: number[] = [];
    for (let i = 0; i < steps; i++) {
      await front(page, 100);
      appStep.push((await timeToReadout('step', 0)).ms);
      await front(p, 100);
      plainStep.push(await plainStepOn());
    }
    await p.close();
    await page.close();
    await context.close();

    const sort = (a: number[]) => [...a].sort((x, y) => x - y);
    const r1 = (n: number) => Math.round(n * 10) / 10;
    const [as, ps, at, pt] = [sort(appSeek), sort(plainSeek), sort(appStep), sort(plainStep)];
    return [
      { name: 'seek.median_ms', value: r1(percentile(as, 50)), unit: 'ms', baseline: r1(percentile(ps, 50)), baselineLabel: 'plain hls.js page, same playlist', goal: '≤ 150 ms' },
      { name: 'seek.p95_ms', value: r1(percentile(as, 95)), unit: 'ms', baseline: r1(percentile(ps, 95)), baselineLabel: 'plain hls.js page, same playlist', goal: '≤ 300 ms' },
      { name: 'step.median_ms', value: r1(percentile(at, 50)), unit: 'ms', baseline: r1(percentile(pt, 50)), baselineLabel: 'plain hls.js page, currentTime + 1 frame', goal: '≤ 50 ms' },
    ];
  } finally {
    await browser.close();
    plain.close();
    await fx.stop();
  }
}
