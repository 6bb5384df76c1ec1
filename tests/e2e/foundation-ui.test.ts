/**
 * The foundation UI end to end: a real core (HTTP, WebSocket, SQLite) serving
 * the built renderer under its strict CSP, driven in Chromium by keyboard and
 * mouse: first run, sign-in, every page, user admin, roles, sign-out.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../main/api/contract.js';
import { createCore, type Core } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import type { BrowserWatch } from './support/browser-watch.js';
import { liveChildProcesses, waitForNoChildren } from './support/child-processes.js';
import { closeAppContext, openAppContext, openWatchedPage } from './support/app-browser.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const rendererDir = path.join(root, 'dist', 'renderer');

const admin = { username: 'admin', displayName: 'Alex Admin', officerNumber: 'ADM001', password: 'copper kettle harbour lights' };
const officer = { username: 'oofficer', displayName: 'Olive Officer', officerNumber: 'CEO123', password: 'blue tractor morning rain' };

const allPages = [
  { label: 'Queue', hash: '#/queue', digit: 1 },
  { label: 'Live', hash: '#/live', digit: 2 },
  { label: 'Review', hash: '#/review', digit: 3 },
  { label: 'Cases', hash: '#/cases', digit: 4 },
  { label: 'White list', hash: '#/white-list', digit: 5 },
  { label: 'Cameras', hash: '#/cameras', digit: 6 },
  { label: 'Health & defects', hash: '#/health', digit: 7 },
  { label: 'Reports', hash: '#/reports', digit: 8 },
  { label: 'Audit', hash: '#/audit', digit: 9 },
  { label: 'Admin', hash: '#/admin', digit: 0 },
];

// Code run inside the page is passed as strings: the root tsconfig (Node
// tests) has no DOM library, and the page has no access to this module anyway.

// Refusals this test provokes on purpose; any other 4xx/5xx fails it.
const expectedRefusals = [
  '400 POST /api/setup/administrator', // weak password on first run
  '401 POST /api/auth/login', // wrong password
  '403 GET /api/users', // officer asks for the user list
];

describe('foundation UI', () => {
  let dataDir: string;
  let core: Core;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: BrowserWatch;
  let childrenBefore: string[];

  beforeAll(async () => {
    // `npm test` builds the renderer before vitest; build it here when run alone.
    if (!existsSync(path.join(rendererDir, 'index.html'))) {
      const { build } = await import('vite');
      await build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
    }
    childrenBefore = liveChildProcesses();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cctv-e2e-ui-'));
    core = await createCore({ dataDir, mode: 'server', port: 0, logger: silentLogger(), rendererDir });
    ({ browser, context } = await openAppContext());
    ({ page, watch } = await openWatchedPage(context));
  });

  afterAll(async () => {
    await closeAppContext(context, browser);
    await core?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const h1 = () => page.getByRole('heading', { level: 1 });
  const nav = () => page.getByRole('navigation', { name: 'Main' });

  async function signIn(username: string, password: string) {
    const form = page.getByRole('form', { name: 'Sign in' });
    const user = form.getByLabel('Username', { exact: true });
    if ((await user.inputValue()) !== username) await user.fill(username);
    await form.getByLabel('Password', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }

  it('keeps its route table in step with the contract', () => {
    const text = readFileSync(path.join(root, 'renderer', 'src', 'api', 'route-table.ts'), 'utf8');
    const copy = Object.fromEntries([...text.matchAll(/^\s+(\w+): \['(\w+)', '([^']+)'\],$/gm)].map((m) => [m[1], [m[2], m[3]]]));
    const server = Object.fromEntries(Object.entries(routes).map(([name, r]) => [name, [r.method, r.path]]));
    expect(copy).toEqual(server);
  });

  it('creates the first administrator, showing the password rules beside the field', async () => {
    await page.goto(core.url);
    await expect.poll(() => h1().textContent()).toBe('Set up the workstation');
    const form = page.getByRole('form', { name: 'Create the first administrator' });
    await form.getByLabel('Username', { exact: true }).fill(admin.username);
    await form.getByLabel('Display name').fill(admin.displayName);
    await form.getByLabel('Officer number').fill(admin.officerNumber);
    await form.getByLabel('Password', { exact: true }).fill('short');
    await form.getByLabel('Confirm password').fill('shorter');
    await form.getByRole('button', { name: 'Create administrator' }).click();
    await expect.poll(() => form.locator('.field__error').allTextContents()).toEqual(['The two passwords are not the same']);

    await form.getByLabel('Confirm password').fill('short');
    await form.getByRole('button', { name: 'Create administrator' }).click();
    const passwordError = form.getByLabel('Password', { exact: true });
    await expect.poll(() => passwordError.getAttribute('aria-invalid')).toBe('true');
    const described = await passwordError.getAttribute('aria-describedby');
    const errorText = await page.locator(`[id="${described!.split(' ').pop()}"]`).textContent();
    expect(errorText).toMatch(/at least 12 characters/);

    await form.getByLabel('Password', { exact: true }).fill(admin.password);
    await form.getByLabel('Confirm password').fill(admin.password);
    await form.getByRole('button', { name: 'Create administrator' }).click();
    await expect.poll(() => h1().textContent()).toBe('Sign in');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Administrator ${admin.username} created`);
  });

  it('signs the administrator in to the workstation with the live link up', async () => {
    await signIn(admin.username, admin.password);
    // Everyone starts at the queue of events to review.
    await expect.poll(() => h1().textContent()).toBe('Queue');
    expect(page.url()).toMatch(/#\/queue$/);
    const banner = page.getByRole('banner');
    await expect.poll(() => banner.textContent()).toContain(admin.displayName);
    expect(await banner.textContent()).toContain('Administrator');
    expect(await banner.textContent()).toContain('Demo Borough Council');
    // The WebSocket opened under the CSP and the core accepted the token.
    await expect.poll(() => page.locator('.link-status').getAttribute('data-status')).toBe('open');
    expect(await nav().getByRole('link').allTextContents()).toEqual(allPages.map((p) => `${p.label}Alt+${p.digit}`));
  });

  it('opens every page from the navigation, each under its own heading', async () => {
    for (const p of allPages) {
      await nav().getByRole('link', { name: p.label }).click();
      await expect.poll(() => h1().textContent()).toBe(p.label);
      expect(new URL(page.url()).hash).toBe(p.hash);
      expect(await nav().getByRole('link', { name: p.label }).getAttribute('aria-current')).toBe('page');
    }
    await nav().getByRole('link', { name: 'Cameras' }).click();
    await expect.poll(() => page.getByRole('main').textContent()).toContain('No cameras yet');
  });

  it('is usable from the keyboard: skip link, Alt+digit, g-then-key, help dialog', async () => {
    await nav().getByRole('link', { name: 'Live' }).click();
    await expect.poll(() => h1().textContent()).toBe('Live');
    // The first Tab from the top of the document reaches the skip link
    // (navigation puts focus on the page's heading, so start from the body).
    await page.evaluate("document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex')");
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');

    await page.keyboard.press('Alt+6');
    await expect.poll(() => h1().textContent()).toBe('Cameras');
    await page.keyboard.press('g');
    await page.keyboard.press('h');
    await expect.poll(() => h1().textContent()).toBe('Health & defects');
    await page.keyboard.press('Alt+0');
    await expect.poll(() => h1().textContent()).toBe('Admin');

    // Navigation links work with Enter, and the new page's heading takes focus.
    await nav().getByRole('link', { name: 'Review' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => h1().textContent()).toBe('Review');
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H1');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await help.textContent()).toContain('Cameras');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);

    await page.keyboard.press('Alt+6');
    await expect.poll(() => h1().textContent()).toBe('Cameras');
    await page.screenshot({ path: '/tmp/foundation-cameras.png' });
  });

  it('adds an officer, changes a role, disables and re-enables, and shows the audit log', async () => {
    await page.keyboard.press('Alt+0');
    await expect.poll(() => h1().textContent()).toBe('Admin');
    const users = page.getByRole('region', { name: 'Users' });
    await expect.poll(() => users.getByRole('row').count()).toBe(2); // header + admin

    await users.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('Username').fill(officer.username);
    await dialog.getByLabel('Display name').fill(officer.displayName);
    await dialog.getByLabel('Officer number').fill(officer.officerNumber);
    expect(await dialog.getByLabel('Role').inputValue()).toBe('officer');
    await dialog.getByLabel('First password').fill(officer.password);
    await dialog.getByLabel('Confirm password').fill(officer.password);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => users.getByRole('status').textContent()).toContain(`Added officer ${officer.displayName} (${officer.username})`);
    const row = users.getByRole('row', { name: new RegExp(officer.username) });
    await expect.poll(() => row.textContent()).toContain(officer.officerNumber);

    const role = users.getByLabel(`Role for ${officer.username}`);
    await role.selectOption('supervisor');
    await expect.poll(() => users.getByRole('status').textContent()).toContain('is now supervisor');
    await role.selectOption('officer');
    await expect.poll(() => users.getByRole('status').textContent()).toContain('is now officer');

    await users.getByRole('button', { name: `Disable ${officer.username}` }).click();
    await page.getByRole('dialog', { name: `Disable ${officer.username}?` }).getByRole('button', { name: 'Disable', exact: true }).click();
    await expect.poll(() => row.textContent()).toContain('Disabled');
    await users.getByRole('button', { name: `Enable ${officer.username}` }).click();
    await page.getByRole('dialog', { name: `Enable ${officer.username}?` }).getByRole('button', { name: 'Enable', exact: true }).click();
    await expect.poll(() => row.textContent()).toContain('Active');

    const audit = page.getByRole('region', { name: 'Audit log' });
    await expect.poll(() => audit.getByRole('table').textContent()).toContain('user.update');
    await audit.getByLabel('Action').fill('user.create');
    await audit.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => audit.getByRole('row').count()).toBe(3); // header + two users created
    await audit.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => audit.getByRole('status').first().textContent()).toContain('Audit chain intact');
    await audit.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => audit.getByRole('row').count()).toBeGreaterThan(5);
    await page.screenshot({ path: '/tmp/foundation-admin.png', fullPage: true });
  });

  it('signs out, refuses a wrong password, and signs the officer in without Admin', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => h1().textContent()).toBe('Sign in');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('You have signed out');

    await signIn(officer.username, 'not the right password');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Username or password is wrong');
    await page.screenshot({ path: '/tmp/foundation-sign-in.png' });

    await signIn(officer.username, officer.password);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain(officer.displayName);
    expect(await page.getByRole('banner').textContent()).toContain('Officer');
    const labels = await nav().getByRole('link').allTextContents();
    expect(labels.map((l) => l.replace(/Alt\+\d$/, ''))).toEqual(['Queue', 'Live', 'Review', 'Cases', 'White list', 'Cameras', 'Health & defects']);

    // Typing the address, or the shortcut, does not open Admin either.
    await page.keyboard.press('Alt+0');
    expect(await h1().textContent()).not.toBe('Admin');
    await page.evaluate("location.hash = '#/admin'");
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Admin is not available to your role');

    const status = await page.evaluate(
      "fetch('/api/users', { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('cctv.session-token') } }).then((r) => r.status)",
    );
    expect(status).toBe(403);
  });

  it('saw no console errors, CSP violations or unexpected refusals', () => {
    expect(watch.pageErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect([...new Set(watch.failedResponses)].sort()).toEqual([...expectedRefusals].sort());
    // Chromium logs each refused request as a console error; those are the expected refusals above.
    const unexpected = watch.consoleErrors.filter((e) => !/^Failed to load resource: the server responded with a status of (400|401|403) /.test(e));
    expect(unexpected).toEqual([]);
  });

  it('leaves no browser process running', async () => {
    await context.close();
    await browser.close();
    const left = (await waitForNoChildren()).filter((p) => !childrenBefore.includes(p));
    expect(left).toEqual([]);
  });
});
