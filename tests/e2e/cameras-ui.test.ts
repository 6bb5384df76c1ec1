/**
 * The Cameras page end to end: a real core (cameras feature, SQLite, HTTP)
 * serving a fresh renderer build under its CSP, the simulated ONVIF estate on
 * loopback, and Chromium. A supervisor discovers the simulated cameras from
 * the page, reads one, adds it, records its certificate and views its
 * snapshot; an officer then sees the register read-only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authRoutes, camerasRoutes, routes, systemRoutes } from '../../main/api/contract.js';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import type { Feature } from '../../main/features/feature.js';
import { createCamerasFeature } from '../../main/cameras/cameras-feature.js';
import { OnvifDeviceSimulator } from '../../fixtures/onvif/onvif-device-simulator.js';
import { WsDiscoveryResponder } from '../../fixtures/onvif/ws-discovery-responder.js';
import { call } from '../support/api-client.js';
import { watchPage, type BrowserWatch } from './support/browser-watch.js';
import { liveChildProcesses, waitForNoChildren } from './support/child-processes.js';
import { closeAppContext, openAppContext, openWatchedPage } from './support/app-browser.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const CAM_USER = 'enforcement';
const CAM_PASS = 'e2e-Camera-Pass-77';
const PASSWORD = 'copper kettle harbour lights';
// A tiny real JPEG (1×1), so the <img> decodes it.
const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64');

/** Only the cameras feature runs; other features' routes answer 500 (never called from this page). */
const otherFeaturesStub = (): Feature => {
  const own = new Set([...Object.keys(systemRoutes), ...Object.keys(authRoutes), 'listUsers', 'createUser', 'updateUser', ...Object.keys(camerasRoutes)]);
  const handlers: Record<string, () => never> = {};
  for (const name of Object.keys(routes)) if (!own.has(name)) handlers[name] = () => { throw new Error(`${name} is not part of this test`); };
  return { name: 'not-under-test', handlers };
};

describe('Cameras page', () => {
  let dataDir: string;
  let rendererDir: string;
  let core: Core;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: BrowserWatch;
  const watches: BrowserWatch[] = [];
  let childrenBefore: string[];
  const sims: OnvifDeviceSimulator[] = [];
  const responder = new WsDiscoveryResponder({ port: 0 });

  beforeAll(async () => {
    // A private build, so this test sees this tree's Cameras page whatever dist/ holds.
    rendererDir = mkdtempSync(path.join(os.tmpdir(), 'cctv-e2e-cameras-renderer-'));
    const { build } = await import('vite');
    await build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false } });
    childrenBefore = liveChildProcesses();
    for (const [i, name] of ['North Street bus gate', 'Market Square box junction'].entries()) {
      const sim = new OnvifDeviceSimulator({
        username: CAM_USER,
        password: CAM_PASS,
        name,
        location: `${name} (simulated)`,
        streamUris: { main: `rtsp://127.0.0.1:8554/e2e${i}/main`, sub: `rtsp://127.0.0.1:8554/e2e${i}/sub` },
        snapshot: JPEG,
      });
      await sim.start();
      sims.push(sim);
      responder.add(sim);
    }
    await responder.start();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cctv-e2e-cameras-'));
    core = await createCore({ dataDir, mode: 'server', port: 0, logger: silentLogger(), rendererDir, features: [(c) => createCamerasFeature(c, { timeoutMs: 3000 }), otherFeaturesStub] });
    expect((await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Ada Admin', password: PASSWORD } })).status).toBe(200);
    const admin = (await call(core.url, 'login', { body: { username: 'admin', password: PASSWORD } })).json.token as string;
    for (const role of ['supervisor', 'officer'] as const) {
      expect((await call(core.url, 'createUser', { token: admin, body: { username: role, displayName: `Test ${role}`, role, password: PASSWORD } })).status).toBe(200);
    }
    ({ browser, context } = await openAppContext());
    ({ page, watch } = await openWatchedPage(context));
  });

  afterAll(async () => {
    await closeAppContext(context, browser);
    await core?.stop();
    await responder.stop();
    for (const s of sims) await s.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  });

  const h1 = () => page.getByRole('heading', { level: 1 });

  async function signIn(username: string) {
    await page.goto(`${core.url}/#/cameras`);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Username', { exact: true }).fill(username);
    await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain(`Test ${username}`);
    await page.evaluate("window.location.hash = '#/cameras'");
    await expect.poll(() => h1().textContent()).toBe('Cameras');
  }

  it('a supervisor discovers the simulated cameras and adds one, choosing its profile', async () => {
    await signIn('supervisor');
    await expect.poll(() => page.getByRole('main').textContent()).toContain('No cameras yet');
    await page.getByRole('button', { name: 'Discover' }).click();
    const discover = page.getByRole('dialog', { name: 'Discover cameras' });
    await discover.getByLabel('Also ask these addresses').fill(`127.0.0.1:${responder.port}`);
    await discover.getByRole('button', { name: 'Search' }).click();
    const found = discover.getByRole('list', { name: 'Cameras found' });
    await expect.poll(() => found.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    expect(await found.textContent()).toContain('North Street bus gate');
    await found.getByRole('button', { name: 'Add North Street bus gate' }).click();

    const add = page.getByRole('dialog', { name: 'Add North Street bus gate' });
    expect(await add.getByLabel('ONVIF host').inputValue()).toBe('127.0.0.1');
    expect(await add.getByLabel('ONVIF port').inputValue()).toBe(String(sims[0]!.port));
    expect(await add.getByLabel('Camera name').inputValue()).toBe('North Street bus gate');
    // A wrong password is reported clearly, in place.
    await add.getByLabel('Camera username').fill(CAM_USER);
    await add.getByLabel('Camera password').fill('not the password');
    await add.getByRole('button', { name: 'Read camera' }).click();
    await expect.poll(() => add.getByRole('alert').first().textContent()).toMatch(/refused the username or password/);
    await add.getByLabel('Camera password').fill(CAM_PASS);
    await add.getByRole('button', { name: 'Read camera' }).click();
    await expect.poll(() => add.textContent()).toContain('SC-ANPR-720');
    await add.getByRole('radio', { name: /subStream/ }).check();
    await add.getByLabel('Site code').fill('NS01');
    await add.getByRole('button', { name: 'Save camera' }).click();
    await expect.poll(() => add.isVisible()).toBe(false);

    await expect.poll(() => page.getByTestId('anpr-key').textContent()).toMatch(/^anpr_/);
    const table = page.getByRole('table', { name: 'Cameras' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.textContent()).toContain('No certificate');
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/cameras\/\d+$/);
    const detail = page.getByRole('region', { name: 'North Street bus gate' });
    // The profile chosen (the sub stream) is the one recorded.
    await expect.poll(() => detail.textContent()).toContain('rtsp://127.0.0.1:8554/e2e0/sub');
    expect(await page.content()).not.toContain(CAM_PASS);
  });

  it('records a certificate that expires within 30 days and warns of it', async () => {
    const detail = page.getByRole('region', { name: 'North Street bus gate' });
    const form = detail.getByRole('form', { name: 'Record a certificate' });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Certificate number').fill('VCA/E2E/0001');
    await form.getByLabel('Valid from').fill(day(-300));
    await form.getByLabel('Valid to').fill(day(10));
    await form.getByRole('button', { name: 'Record certificate' }).click();
    const table = page.getByRole('table', { name: 'Cameras' });
    await expect.poll(() => table.textContent()).toMatch(/Expires in (9|10) days/);
    expect(await table.textContent()).toContain('VCA/E2E/0001');
  });

  it('shows the camera’s snapshot, fetched through the core', async () => {
    const detail = page.getByRole('region', { name: 'North Street bus gate' });
    await detail.getByRole('button', { name: 'Show snapshot' }).click();
    const img = detail.getByRole('img', { name: 'Snapshot from North Street bus gate' });
    await expect.poll(() => img.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    await page.screenshot({ path: path.join(os.tmpdir(), 'cameras-page.png'), fullPage: true });
  });

  it('retires a camera only with a reason, after confirming', async () => {
    const detail = page.getByRole('region', { name: 'North Street bus gate' });
    await detail.getByRole('button', { name: 'Retire…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Retire North Street bus gate?' });
    await confirm.getByRole('button', { name: 'Retire camera' }).click();
    await expect.poll(() => confirm.getByRole('alert').first().textContent()).toMatch(/reason/i);
    await confirm.getByLabel('Reason').fill('Moved to the new junction layout');
    await confirm.getByRole('button', { name: 'Retire camera' }).click();
    await expect.poll(() => confirm.isVisible()).toBe(false);
    await expect.poll(() => detail.textContent()).toContain('Moved to the new junction layout');
    // No working camera is left: the register shows its empty state.
    await expect.poll(() => page.getByRole('main').textContent()).toContain('No cameras yet');
  });

  it('an officer reads the register but cannot change it', async () => {
    // A fresh browser context: a new desk with nobody signed in.
    await context.close();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    context.setDefaultTimeout(15_000);
    const before = watch;
    page = await context.newPage();
    watch = await watchPage(page);
    watches.push(before);
    await signIn('officer');
    expect(await page.getByRole('button', { name: 'Discover' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add by address' }).count()).toBe(0);
    await page.getByLabel('Show retired').check();
    await page.getByRole('button', { name: 'North Street bus gate' }).click();
    const detail = page.getByRole('region', { name: 'North Street bus gate' });
    await expect.poll(() => detail.textContent()).toContain('Retired');
    expect(await detail.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await detail.getByRole('form', { name: 'Record a certificate' }).count()).toBe(0);
  });

  it('broke no rule of the page: no script errors, no CSP violations, only the refusal provoked', async () => {
    for (const w of [...watches, watch]) {
      expect(w.pageErrors).toEqual([]);
      expect(w.cspViolations).toEqual([]);
      expect(w.failedResponses.filter((r) => !r.startsWith('422 POST /api/cameras/probe'))).toEqual([]);
    }
    await context.close();
    await browser.close();
    await core.stop();
    // The vite build's esbuild service predates the core and the browser; nothing newer may be left.
    expect((await waitForNoChildren()).filter((p) => !childrenBefore.includes(p))).toEqual([]);
  });
});
