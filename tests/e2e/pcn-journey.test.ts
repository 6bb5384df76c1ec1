/**
 * A PCN end to end in Chromium, from an event in the review queue to a
 * notice PDF and a verified evidence pack, against a real core (every
 * feature, SQLite in a temp dir, recorded footage) serving the built
 * renderer under its CSP. The officer decides "contravention" by keyboard and
 * a PCN is issued; a second event, from a camera with no approved-device
 * certificate, is refused by name and nothing is issued. On Cases the PCN is
 * found in its stage's tab and taken through keeper enquiry (export and
 * reply import, in the back-office panel) to a generated notice; the notice
 * is downloaded through the page's own link, its first page rendered to PNG
 * and its text checked; the evidence pack is built from the case's evidence
 * panel, downloaded, unpacked and checked with `cctv verify`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/api-client.js';
import { arrangePcnJourney, type PcnJourneyWorld } from '../support/pcn-journey-fixture.js';
import { tempDir } from '../support/temp-dir.js';
import type { BrowserWatch } from './support/browser-watch.js';
import { waitForNoChildren } from './support/child-processes.js';
import { closeAppContext, openAppContext, openWatchedPage } from './support/app-browser.js';

const root = path.resolve(import.meta.dirname, '..', '..');

function run(cmd: string, args: string[], cwd?: string): { code: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** "2025-01-06" as the notice prints it: "6 January 2025". */
function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${y}`;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  if (b.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error(`${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('PCN journey in the browser', () => {
  const out = tempDir('cctv-pcn-journey-');
  let w: PcnJourneyWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: BrowserWatch;
  let reference = '';
  let pcnId = 0;

  beforeAll(async () => {
    // This build, not whatever dist/renderer holds: the Queue and Cases pages must be as they are now.
    const { build } = await import('vite');
    const rendererDir = path.join(out.dir, 'renderer');
    await build({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: 'warn', build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false } });
    // Vite leaves esbuild's service process running; it is ours to stop.
    (await import('esbuild')).stop();
    if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('renderer build failed');
    w = await arrangePcnJourney({ rendererDir, workDir: out.dir });

    ({ browser, context } = await openAppContext({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true, timeoutMs: 20_000, sessionToken: w.fx.tokens.officer }));
    ({ page, watch } = await openWatchedPage(context));
  }, 240_000);

  afterAll(async () => {
    await closeAppContext(context, browser);
    await w?.fx.stop();
    out.cleanup();
    expect(await waitForNoChildren()).toEqual([]);
  });

  const shownEvent = async () => Number(await page.getByTestId('queue-case').getAttribute('data-event-id'));
  const decideContravention = async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    const code = page.getByLabel('Contravention code');
    await expect.poll(() => code.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    // A bus lane: code 34, printed with the camera suffix J.
    expect(await code.evaluate((el) => (el as unknown as { selectedOptions: { textContent: string }[] }).selectedOptions[0]!.textContent)).toMatch(/^34J — /);
    await page.keyboard.press('Enter');
  };

  it('issues a PCN for the event by keyboard from the Queue', async () => {
    await page.goto(`${w.fx.url}/#/queue`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Queue');
    await expect.poll(shownEvent).toBe(w.good.id);
    expect(await page.getByTestId('anpr-read').textContent()).toBe(w.good.display);
    expect(await page.getByTestId('restriction').textContent()).toContain('In force');
    await decideContravention();
    const notice = page.getByRole('status').filter({ hasText: /issued for/ });
    await expect.poll(() => notice.textContent().catch(() => '')).toMatch(new RegExp(`^PCN (\\S+) issued for ${w.good.display}\\.$`));
    reference = /^PCN (\S+) issued/.exec((await notice.textContent())!)![1]!;
    // The queue moves on to the next event.
    await expect.poll(shownEvent).toBe(w.uncertified.id);
    const list = await call(w.fx.url, 'listPcns', { token: w.fx.tokens.officer, query: { vrm: w.good.vrm } });
    expect(list.json.total).toBe(1);
    expect(list.json.pcns[0]).toMatchObject({ reference, kind: 'pcn', stage: 'approved', code: '34J', amountPence: 7000 });
    pcnId = list.json.pcns[0].id;
  });

  it('refuses the event from an uncertified camera, naming the approved-device precondition, and issues nothing', async () => {
    await decideContravention();
    const failures = page.getByTestId('refusal-failures').locator('li');
    await expect.poll(() => failures.count()).toBeGreaterThan(0);
    // Only the certificate is missing at camera 2: every other fact was arranged to pass.
    expect(await failures.allTextContents()).toEqual([expect.stringMatching(/^device-not-certified: no approved-device certificate is recorded for this camera/)]);
    expect(await shownEvent()).toBe(w.uncertified.id);
    expect(watch.failedResponses).toContain(`422 POST /api/review/events/${w.uncertified.id}/decision`);
    const none = await call(w.fx.url, 'listPcns', { token: w.fx.tokens.officer, query: { vrm: w.uncertified.vrm } });
    expect(none.json.total).toBe(0);
    const all = await call(w.fx.url, 'listPcns', { token: w.fx.tokens.officer, query: {} });
    expect(all.json.total).toBe(1);
  });

  it('finds the PCN on Cases in its stage and takes it through keeper enquiry to a notice', async () => {
    await page.getByRole('link', { name: /^Cases/ }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Cases');
    await page.getByRole('tab', { name: 'Approved (1)' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Approved (1)' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('button', { name: `Open case ${reference}` }).click();
    const stage = page.getByTestId('case-stage');
    await expect.poll(() => stage.textContent()).toBe('Approved');
    const facts = page.locator('.case-facts');
    expect(await facts.textContent()).toContain('£70.00 (£35.00 at discount)');
    expect(await page.getByText('Nothing is overdue.').count()).toBe(1);

    // Keeper enquiry out, through the back-office panel: the batch holds this PCN.
    await page.getByRole('button', { name: 'Export keeper enquiries' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Keeper enquiry batch' }).textContent().catch(() => '')).toMatch(/: 1 enquiries$/);
    const batch = await page.getByLabel('Exported file').inputValue();
    const [header, row] = batch.split(/\r?\n/);
    expect(header).toBe('enquiry_ref,vrm,event_date_time,reason_code,enquirer_code');
    expect(row).toContain(w.good.vrm);
    const ref = row!.split(',')[0]!;
    await expect.poll(() => stage.textContent()).toBe('Keeper requested');

    // The DVLA's reply in, pasted into the import box.
    await page.getByLabel('File to import (paste the CSV)').fill(`enquiry_ref,keeper_name,address_line_1,postcode,make,model,colour\n${ref},Jane Keeper,1 Acacia Avenue,DT1 2AB,Ford,Focus,Blue\n`);
    await page.getByRole('button', { name: 'Import keeper replies' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'keeper replies applied' }).textContent().catch(() => '')).toBe('1 keeper replies applied');
    await expect.poll(() => stage.textContent()).toBe('Keeper known');
    expect(await facts.textContent()).toContain('Jane Keeper, 1 Acacia Avenue, DT1 2AB');
    expect(await page.getByRole('tab', { name: 'Keeper known (1)' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Generate notice' }).click();
    await expect.poll(() => stage.textContent()).toBe('Notice generated');
    const history = await page.locator('.case-history tbody tr td:nth-child(3)').allTextContents();
    expect(history).toEqual(['issue', 'keeper-request', 'keeper-reply', 'notice']);
  });

  it('downloads the notice through the page link and it shows what the law requires', async () => {
    const link = page.getByRole('link', { name: 'Download notice' });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`/api/pcns/${pcnId}/notice\\.pdf\\?access_token=[^&]+&download=1$`));
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${reference}.pdf`);
    const pdf = path.join(out.dir, 'notice.pdf');
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const png = run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, path.join(out.dir, 'notice-page')]);
    expect(png.code, png.out).toBe(0);
    const pngFile = path.join(out.dir, readdirSync(out.dir).find((f) => /^notice-page-0*1\.png$/.test(f))!);
    // A4 (595.28 × 841.89 pt) at 80 dpi, which pdftoppm rounds up to whole pixels.
    expect(pngSize(pngFile)).toEqual({ width: 662, height: 936 });
    expect(statSync(pngFile).size).toBeGreaterThan(20_000);
    // For a person to look at: the rendered page, kept when asked for.
    if (process.env.CCTV_E2E_KEEP_DIR) {
      mkdirSync(process.env.CCTV_E2E_KEEP_DIR, { recursive: true });
      copyFileSync(pngFile, path.join(process.env.CCTV_E2E_KEEP_DIR, 'pcn-notice-page-1.png'));
    }

    const detail = (await call(w.fx.url, 'getPcn', { token: w.fx.tokens.officer, params: { id: pcnId } })).json;
    const text = run('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-']).out.replace(/[ \t]+/g, ' ');
    for (const want of [
      'Penalty Charge Notice',
      reference,
      w.good.display,
      '34J',
      '£70.00',
      `£35.00 if paid by ${longDate(detail.dates.discountUntil)}`,
      '£105.00',
      `Date of this notice ${longDate(detail.noticeDate)}`,
      longDate(detail.dates.contraventionDate),
      `Taken as served on ${longDate(detail.dates.deemedService)}`,
      `Pay or challenge by ${longDate(detail.dates.representationsUntil)}`,
      `Charge certificate from ${longDate(detail.dates.chargeCertificateFrom)}`,
      'Jane Keeper',
      `certificate ${w.certificateNumber}`,
    ]) expect(text).toContain(want);
  });

  it('builds the evidence pack from the case, downloads it and cctv verify accepts it', async () => {
    const panel = page.getByRole('region', { name: 'Evidence', exact: true });
    await panel.getByRole('button', { name: 'Build evidence pack' }).click();
    const linkName = { name: `${reference}-evidence-v1.tar`, exact: true };
    const link = panel.getByRole('link', linkName);
    // The build exports the clip from the recording (original and presentation copies) before it signs.
    await link.waitFor({ timeout: 90_000 });
    const packRow = panel.getByRole('row').filter({ has: page.getByRole('link', linkName) });
    const omissions = (await packRow.textContent()) ?? '';
    for (const part of ['device-certificate', 'footage', 'camera-health', 'witness-statement']) expect(omissions).not.toContain(`${part}:`);
    await packRow.getByRole('button', { name: 'Check pack' }).click();
    await expect.poll(() => packRow.textContent()).toContain('All files and the signature verify');

    expect(await link.getAttribute('href')).toMatch(/\?access_token=[^&]+$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const tar = path.join(out.dir, 'pack.tar');
    await download.saveAs(tar);
    const unpacked = path.join(out.dir, 'unpacked');
    mkdirSync(unpacked);
    const untar = run('tar', ['-xf', tar, '-C', unpacked]);
    expect(untar.code, untar.out).toBe(0);
    const packDir = path.join(unpacked, `${reference}-evidence-v1`);
    const manifest = JSON.parse(readFileSync(path.join(packDir, 'manifest.json'), 'utf8'));
    expect(manifest.case).toMatchObject({ vrm: w.good.vrm, code: '34J' });
    expect(manifest.files.map((f: { role: string }) => f.role)).toEqual(expect.arrayContaining(['original-clip', 'device-certificate', 'camera-health', 'witness-statement']));
    const verify = run(process.execPath, [path.join(root, 'bin', 'cctv.mjs'), 'verify', packDir, '--key-fingerprint', manifest.signingKey.fingerprint]);
    expect(verify.code, verify.out).toBe(0);
  });

  it('left no console errors, page errors or CSP violations, and only the refusal it provoked', () => {
    expect(watch.pageErrors).toEqual([]);
    expect(watch.cspViolations).toEqual([]);
    expect(watch.failedResponses).toEqual([`422 POST /api/review/events/${w.uncertified.id}/decision`]);
    // Chromium logs each refused request to the console; that one was expected.
    expect(watch.consoleErrors.filter((e) => !/^Failed to load resource: the server responded with a status of 422 /.test(e))).toEqual([]);
  });
});
