/// <reference lib="dom" />
/**
 * Review player latency in Chromium over a 24-hour recording (8,640
 * segments): seek (from the seek to the new frame painted, as the officer
 * sees it: the player's frame readout changes, which it does from
 * requestVideoFrameCallback) and frame step (→), each beside the same seek or
 * step in a plain hls.js page on the same playlist in the same run.
 * The plain page is served by this suite and proxies /media to the core.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { percentile, type BenchSuite, type Figure } from '../figure.js';
import { startPlayerFixture } from '../../support/player-fixture.js';

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

export const playerSuite: BenchSuite = {
  name: 'player',
  async run(): Promise<Figure[]> {
    const fx = await startPlayerFixture({ hours: 24, rendererDir: path.join(root, 'dist', 'renderer') });
    const plain = await servePlain(fx.url);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, timezoneId: 'Europe/London' });
      await context.addInitScript((t) => window.sessionStorage.setItem('cctv.session-token', t), fx.tokens.officer);
      // Deterministic "random" positions across the day, the same for both pages.
      let seed = 7;
      const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
      const fractions = Array.from({ length: seeks }, () => 0.02 + rnd() * 0.96);

      // Plain hls.js page.
      const p = await context.newPage();
      const src = `/media/playback/${fx.cameraId}.m3u8?from=${fx.fromMs}&to=${fx.toMs}`;
      await p.goto(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/?token=${encodeURIComponent(fx.tokens.officer)}&src=${encodeURIComponent(src)}`);
      const total = await p.evaluate(() => (window as unknown as { benchReady: Promise<number> }).benchReady);
      await p.evaluate((t) => (window as unknown as { benchSeek: (t: number) => Promise<number> }).benchSeek(t), total / 3);
      const plainSeek: number[] = [];
      for (const f of fractions) plainSeek.push(await p.evaluate((t) => (window as unknown as { benchSeek: (t: number) => Promise<number> }).benchSeek(t), Math.floor(f * total) + 0.5 / 25));
      const plainStep: number[] = [];
      for (let i = 0; i < steps; i++) plainStep.push(await p.evaluate(() => (window as unknown as { benchStep: () => Promise<number> }).benchStep()));
      await p.close();

      // The workstation's Review page, 24 hours loaded.
      const page = await context.newPage();
      await page.goto(`${fx.url}/#/review`);
      const chooser = page.getByRole('form', { name: 'Choose footage' });
      await chooser.getByLabel('Load').selectOption('86400000');
      const mid = fx.fromMs + (fx.toMs - fx.fromMs) / 3;
      const uk = await page.evaluate((ms) => {
        const q = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
        return `${q.year}-${q.month}-${q.day}T${q.hour}:${q.minute}:${q.second}`;
      }, mid);
      await chooser.getByLabel('Time (UK local)').fill(uk);
      await chooser.getByRole('button', { name: 'Open footage' }).click();
      await page.getByTestId('time-utc').filter({ hasText: /Z$/ }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: '24 h' }).click();
      // Time from a click on the timeline to the readout changing (it changes on the painted frame).
      const timeToReadout = (act: string, arg: number) =>
        page.evaluate(
          ([a, x]) =>
            new Promise<number>((resolve) => {
              const el = document.querySelector('[data-testid="time-utc"]')!;
              const before = el.textContent;
              const obs = new MutationObserver(() => {
                if (el.textContent !== before) {
                  obs.disconnect();
                  resolve(performance.now() - t0);
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
      const appSeek: number[] = [];
      for (const f of fractions) appSeek.push(await timeToReadout('seek', f));
      const appStep: number[] = [];
      for (let i = 0; i < steps; i++) appStep.push(await timeToReadout('step', 0));
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
  },
};
