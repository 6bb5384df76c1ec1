/**
 * The white list end to end (issue 5, item 4): a real core with every feature
 * serving the built renderer under its strict CSP, driven in Chromium. A
 * supervisor adds an entry, imports a CSV that has a bad row (row-by-row
 * report, nothing imported), imports the fixed file, checks a mark (exempt, by
 * which entry) and a near miss (never exempt), and exports the list as CSV;
 * an officer then reads and checks it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { call } from '../support/api-client.js';
import type { BrowserWatch } from './support/browser-watch.js';
import { liveChildProcesses, waitForNoChildren } from './support/child-processes.js';
import { closeAppContext, openAppContext, openWatchedPage } from './support/app-browser.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const rendererDir = path.join(root, 'dist', 'renderer');

const password = 'copper kettle harbour lights';
const supervisor = { username: 'ssuper', displayName: 'Sam Supervisor', role: 'supervisor' as const };
const officer = { username: 'oofficer', displayName: 'Olive Officer', role: 'officer' as const };

const HEADER = 'vrm,category,scope_cameras,scope_types,valid_from,valid_to,source,notes';
// Line 3 names a category that does not exist: the whole file must be refused.
const badCsv = `${HEADER}\nMX17 AEG,bus-operator,,,2025-01-01,,Arriva London,route 38\nKP03 WSL,minicab,,,2025-01-01,,Licensing team,\n`;
const goodCsv = `${HEADER}\nMX17 AEG,bus-operator,,,2025-01-01,,Arriva London,route 38\nKP03 WSL,hackney-carriage,,,2025-01-01,,Licensing team,\n`;

describe('white list UI', () => {
  let dataDir: string;
  let core: Core;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: BrowserWatch;
  let childrenBefore: string[];
  let officerToken: string;

  beforeAll(async () => {
    // `npm test` builds the renderer before vitest; build it here when run alone.
    if (!existsSync(path.join(rendererDir, 'index.html'))) {
      const { build } = await import('vite');
      await build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
    }
    childrenBefore = liveChildProcesses();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cctv-e2e-white-list-'));
    // Every feature (the default), as the workstation runs.
    core = await createCore({ dataDir, mode: 'server', port: 0, logger: silentLogger(), rendererDir });
    await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Alex Admin', password } });
    const admin = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
    for (const u of [supervisor, officer]) {
      const r = await call(core.url, 'createUser', { token: admin, body: { ...u, password } });
      if (r.status !== 200) throw new Error(`create ${u.username}: ${JSON.stringify(r.json)}`);
    }
    officerToken = (await call(core.url, 'login', { body: { username: officer.username, password } })).json.token as string;
    ({ browser, context } = await openAppContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true }));
    ({ page, watch } = await openWatchedPage(context));
  });

  afterAll(async () => {
    await closeAppContext(context, browser);
    await core?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const h1 = () => page.getByRole('heading', { level: 1 });
  const entries = () => page.getByRole('region', { name: /^Entries/ });
  const table = () => entries().getByRole('table', { name: 'White-list entries' });

  async function signInAndOpen(username: string): Promise<void> {
    await page.goto(core.url);
    await expect.poll(() => h1().textContent()).toBe('Sign in');
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Username', { exact: true }).fill(username);
    await form.getByLabel('Password', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => h1().textContent()).toBe('Queue');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'White list' }).click();
    await expect.poll(() => h1().textContent()).toBe('White list');
  }

  async function importFile(name: string, csv: string): Promise<void> {
    const panel = page.getByRole('region', { name: 'Import CSV' });
    await panel.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await panel.getByRole('button', { name: 'Import' }).click();
  }

  async function check(vrm: string): Promise<ReturnType<Page['locator']>> {
    const form = page.getByRole('form', { name: 'Check a registration mark' });
    await form.getByLabel('Mark to check').fill(vrm);
    await form.getByRole('button', { name: 'Check' }).click();
    const result = form.locator('.check-result');
    await expect.poll(() => result.textContent()).toContain(vrm.replace(/\s+/g, '').toUpperCase());
    return result;
  }

  it('lets a supervisor add a bus operator entry scoped to every camera', async () => {
    await signInAndOpen(supervisor.username);
    await expect.poll(() => entries().getAttribute('aria-labelledby')).not.toBeNull();
    await expect.poll(() => entries().textContent()).toContain('No entries.');

    const form = page.getByRole('form', { name: 'Add a white-list entry' });
    await form.getByLabel('Registration mark').fill('YN19 XWA');
    expect(await form.getByLabel('Category').inputValue()).toBe('bus-operator');
    expect(await form.getByLabel(/^Cameras/).inputValue()).toBe(''); // empty: every camera
    await form.getByLabel(/^Source stakeholder/).fill('London Buses (route 38 operator)');
    await form.getByRole('button', { name: 'Add entry' }).click();

    await expect.poll(() => page.getByRole('main').getByRole('status').first().textContent()).toContain('YN19XWA added as entry #1.');
    const row = table().getByRole('row', { name: /YN19XWA/ });
    await expect.poll(() => row.textContent()).toContain('Bus operator');
    expect(await row.textContent()).toContain('everywhere');
    expect(await row.textContent()).toContain(supervisor.username);
    await expect.poll(() => page.getByRole('heading', { name: 'Entries (1)' }).count()).toBe(1);
  });

  it('refuses a CSV with a bad row, reporting it row by row and importing nothing', async () => {
    await importFile('white-list-bad.csv', badCsv);
    const errors = page.getByRole('list', { name: 'Import errors' });
    await expect.poll(() => errors.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Line 3 \(category\): "minicab" is not a category/),
    ]);
    expect(await page.getByRole('region', { name: 'Import CSV' }).getByRole('alert').textContent()).toContain('Nothing imported: 1 problem(s) in 2 rows');
    // Nothing from the file went in, not even its good row.
    const listed = await call(core.url, 'listWhiteList', { token: officerToken, query: { limit: 50 } });
    expect((listed.json as { entries: Array<{ vrm: string }> }).entries.map((e) => e.vrm)).toEqual(['YN19XWA']);
    expect(await page.getByRole('heading', { name: 'Entries (1)' }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/white-list-import-errors.png', fullPage: true });
  });

  it('imports the fixed file', async () => {
    await importFile('white-list-fixed.csv', goodCsv);
    await expect.poll(() => page.getByRole('main').getByRole('status').first().textContent()).toContain('2 entries imported from white-list-fixed.csv.');
    expect(await page.getByRole('list', { name: 'Import errors' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('heading', { name: 'Entries (3)' }).count()).toBe(1);
    await expect.poll(() => table().getByRole('row', { name: /KP03WSL/ }).textContent()).toContain('Hackney carriage (taxi)');
    expect(await table().getByRole('row', { name: /MX17AEG/ }).textContent()).toContain('Arriva London');
  });

  it('checks a mark: exempt, and by which entry', async () => {
    const result = await check('yn19 xwa');
    await expect.poll(() => result.getByRole('status').first().textContent()).toContain('Exempt (entry #1)');
    expect(await result.textContent()).toContain('YN19XWA is exempt');
    expect(await result.getByRole('list', { name: 'Near misses' }).count()).toBe(0);
  });

  it('checks a near miss one character off: not exempt, the near miss listed', async () => {
    const result = await check('YN19 XWB');
    await expect.poll(() => result.getByRole('status').first().textContent()).toContain('Not exempt');
    expect(await result.textContent()).toContain('a near miss never exempts');
    const misses = result.getByRole('list', { name: 'Near misses' });
    await expect.poll(() => misses.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('YN19XWA (bus-operator, entries 1)')]);
    await page.screenshot({ path: '/tmp/white-list-supervisor.png', fullPage: true });
  });

  it('exports the list as CSV', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^white-list-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(`id,${HEADER},added_by,added_at,reviewed_at`);
    expect(lines).toHaveLength(4);
    const byVrm = Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[1], l]));
    expect(Object.keys(byVrm).sort()).toEqual(['KP03WSL', 'MX17AEG', 'YN19XWA']);
    expect(byVrm.YN19XWA).toMatch(/^1,YN19XWA,bus-operator,,,/);
    expect(byVrm.YN19XWA).toContain('London Buses (route 38 operator)');
    expect(byVrm.KP03WSL).toContain(',hackney-carriage,');
    expect(byVrm.MX17AEG).toContain('route 38');
  });

  it('lets an officer read the list and check marks', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => h1().textContent()).toBe('Sign in');
    await signInAndOpen(officer.username);
    await expect.poll(() => page.getByRole('heading', { name: 'Entries (3)' }).count()).toBe(1);
    const result = await check('KP03 WSL');
    await expect.poll(() => result.getByRole('status').first().textContent()).toContain('Exempt (entry #');
    await page.screenshot({ path: '/tmp/white-list-officer.png', fullPage: true });
  });

  it('saw no console errors, CSP violations or refusals', () => {
    expect(watch.pageErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.failedResponses).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('leaves no browser process running', async () => {
    await context.close();
    await browser.close();
    const left = (await waitForNoChildren()).filter((p) => !childrenBefore.includes(p));
    expect(left).toEqual([]);
  });
});
