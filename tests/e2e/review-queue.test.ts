/**
 * The review queue end to end in Chromium against a real core serving a
 * recorded clip: open Queue; the oldest event opens with its clip, the plate
 * crop, the ANPR read and confidence, the OCR suggestion, the white-list
 * answer with its near misses, the vehicle's history and the restriction with
 * its hours; the officer rejects it by keyboard (X, 6, Enter) and the next
 * event is on screen; a contravention (C, Enter) that the PCN preconditions
 * refuse shows each failed precondition and stays; B opens the OCR box tool.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg, runOnce } from '../../native/index.js';
import { ImageStore } from '../../main/anpr/image-store.js';
import { AnprReadsStore } from '../../main/store/anpr-reads-store.js';
import { EventsStore } from '../../main/store/events-store.js';
import { RestrictionsStore } from '../../main/store/restrictions-store.js';
import { PLATE_FONT } from '../../fixtures/footage/scene-layout.js';
import { call } from '../support/api-client.js';
import { startPlayerFixture, type PlayerFixture } from '../support/player-fixture.js';
import { tempDir } from '../support/temp-dir.js';
import type { BrowserWatch } from './support/browser-watch.js';
import { waitForNoChildren } from './support/child-processes.js';
import { closeAppContext, openAppContext, openWatchedPage } from './support/app-browser.js';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('review queue in the browser', () => {
  const out = tempDir('cctv-queue-ui-');
  let fx: PlayerFixture;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: BrowserWatch;
  const ids: number[] = [];
  let earlier = 0;

  beforeAll(async () => {
    // This build, not whatever dist/renderer holds: the Queue page must be in it.
    const { build } = await import('vite');
    const rendererDir = path.join(out.dir, 'renderer');
    await build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false } });
    // Vite leaves esbuild's service process running; it is ours to stop.
    (await import('esbuild')).stop();
    if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('renderer build failed');
    fx = await startPlayerFixture({ hours: 1, rendererDir });
    const db = fx.core.context.store.db;
    // The camera was retired by the fixture (no recorder), so its restriction goes straight into the store.
    const restrictionId = new RestrictionsStore(db).insert(
      { cameraId: fx.cameraId, type: 'bus-lane', schedule: 'Mon-Sun 7am-7pm', permitted: ['bus', 'local-bus', 'taxi'], trafficOrderRef: 'TRO 2024/17', signsInOrder: true, signsNote: '', enforcementStart: null, area: 'england' },
      'test', Date.now(),
    );
    const wl = await call(fx.url, 'addWhiteListEntry', { token: fx.tokens.supervisor, body: { vrm: 'AB12CDF', category: 'bus-operator', validFrom: '2024-01-01', source: 'Stagecoach depot list' } });
    expect(wl.status).toBe(200);
    // A plate picture as the ANPR camera sent it.
    const jpg = path.join(out.dir, 'plate.jpg');
    await runOnce({
      command: locateFfmpeg().ffmpeg.path,
      args: ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0xf7c600:s=310x72:d=0.04', '-vf', `drawbox=x=0:y=0:w=310:h=72:c=black:t=2,drawtext=fontfile=${PLATE_FONT}:text='AB12 CDE':fontsize=60:fontcolor=black:x=(310-tw)/2:y=(72-th)/2`, '-frames:v', '1', jpg],
    });
    const { readFileSync } = await import('node:fs');
    const pic = await new ImageStore(path.join(fx.dataDir, 'anpr-images')).put(readFileSync(jpg));
    const events = new EventsStore(db);
    const reads = new AnprReadsStore(db);
    // Midday UK time inside the recording (the restriction runs 7am-7pm).
    const at0 = fx.fromMs + 5 * 60_000;
    const mk = (vrm: string, at: number, status: 'queued' | 'decided', readIds: number[] = []) =>
      events.insert({ cameraId: fx.cameraId, restrictionId, restrictionType: 'bus-lane', vrm, origin: 'anpr', firstSeenAt: at, lastSeenAt: at + 1500, clipStart: at - 4000, clipEnd: at + 6000, status, holdReason: null, inForceWhy: '', nearMisses: [], note: '', createdBy: 'test', createdAt: at }, readIds);
    earlier = mk('AB12CDE', at0 - 30 * 60_000 < fx.fromMs ? fx.fromMs + 1000 : at0 - 30 * 60_000, 'decided');
    const read = reads.insert({ cameraId: fx.cameraId, plateSent: 'AB12 CDE', vrm: 'AB12CDE', vrmFormat: 'current', vrmFlags: [], readAt: at0, receivedAt: at0 + 200, confidence: 91, direction: 'departing', channel: null, source: 'json', exemptEntryId: null }, [{ role: 'plate', name: 'plate.jpg', sha256: pic.sha256, bytes: pic.bytes }]);
    ids.push(mk('AB12CDE', at0, 'queued', [read.id]));
    ids.push(mk('LR74TNP', at0 + 60_000, 'queued'));
    ids.push(mk('BD51SMR', at0 + 120_000, 'queued'));

    ({ browser, context } = await openAppContext({ viewport: { width: 1500, height: 1100 }, timeoutMs: 20_000, sessionToken: fx.tokens.officer }));
    ({ page, watch } = await openWatchedPage(context));
  }, 240_000);

  afterAll(async () => {
    await closeAppContext(context, browser);
    await fx?.stop();
    out.cleanup();
    expect(await waitForNoChildren()).toEqual([]);
  });

  const shownEvent = async () => Number(await page.getByTestId('queue-case').getAttribute('data-event-id'));

  it('opens the oldest event with its clip and the whole case file', async () => {
    await page.goto(`${fx.url}/#/queue`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Queue');
    await expect.poll(shownEvent).toBe(ids[0]);
    expect(await page.getByTestId('queue-clip').locator('video').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('plate-crop').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(310);
    expect(await page.getByTestId('anpr-read').textContent()).toBe('AB12 CDE');
    expect(await page.getByTestId('anpr-confidence').textContent()).toBe('91');
    await expect.poll(() => page.getByTestId('ocr-suggestion-panel').getByTestId('ocr-suggestion').textContent().catch(() => null), { timeout: 30_000 }).toBe('AB12 CDE');
    expect(await page.getByTestId('near-misses').textContent()).toContain('AB12CDF');
    expect(await page.getByTestId('history').textContent()).toContain(`Event ${earlier}`);
    const restriction = await page.getByTestId('restriction').textContent();
    expect(restriction).toContain('bus lane');
    expect(restriction).toContain('Mon-Sun 7am-7pm');
    expect(restriction).toContain('TRO 2024/17');
  });

  it('rejects by keyboard and shows the next event', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('x');
    await expect.poll(() => page.getByRole('form', { name: 'Reject' }).count()).toBe(1);
    await page.keyboard.press('6');
    expect(await page.getByRole('radio', { name: /Duplicate/ }).isChecked()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(shownEvent).toBe(ids[1]);
    const row = fx.core.context.store.db.prepare('SELECT outcome, reason, seconds, officer_name AS officer FROM review_decisions WHERE event_id = ?').get(ids[0]) as { outcome: string; reason: string; seconds: number; officer: string };
    expect(row).toMatchObject({ outcome: 'reject', reason: 'duplicate', officer: 'officer' });
    expect(row.seconds).toBeGreaterThan(0);
  });

  it('shows a PCN refusal with each failed precondition and keeps the event', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    await expect.poll(() => page.getByLabel('Contravention code').evaluate((el) => (el as unknown as { value: string }).value)).toBe('34');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('refusal-failures').locator('li').count()).toBeGreaterThan(0);
    expect(await shownEvent()).toBe(ids[1]);
    expect(watch.failedResponses).toContain(`422 POST /api/review/events/${ids[1]}/decision`);
  });

  it('opens the OCR box tool with B and reads the box drawn on the frame', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('b');
    const overlay = page.getByTestId('ocr-overlay');
    await expect.poll(() => overlay.count()).toBe(1);
    const box = (await overlay.boundingBox())!;
    const reply = page.waitForResponse((r) => r.url().endsWith('/api/ocr/frame'));
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.55, { steps: 4 });
    await page.mouse.up();
    expect((await reply).status()).toBe(200);
    await expect.poll(() => page.getByTestId('ocr-reading').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => overlay.count()).toBe(0);
    expect(watch.pageErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
  });
});
