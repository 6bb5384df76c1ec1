import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../support/launch-chromium.js';
import { watchPage, type BrowserWatch } from './browser-watch.js';

export interface AppContextOptions {
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Playwright's default wait for every action. Default 15 s. */
  timeoutMs?: number;
  /** Signed in before the first page loads: the token goes where the renderer keeps it. */
  sessionToken?: string;
}

/**
 * Chromium and one browser context as an officer at a council desk has it:
 * en-GB, UK time (so dates, BST and GMT show as the app shows them to
 * users), and optionally already signed in.
 */
export async function openAppContext(opts: AppContextOptions = {}): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    ...(opts.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  context.setDefaultTimeout(opts.timeoutMs ?? 15_000);
  if (opts.sessionToken) await context.addInitScript((token) => window.sessionStorage.setItem('cctv.session-token', token), opts.sessionToken);
  return { browser, context };
}

/** A page in the context, with what must not happen in it recorded (browser-watch.ts). */
export async function openWatchedPage(context: BrowserContext): Promise<{ page: Page; watch: BrowserWatch }> {
  const page = await context.newPage();
  return { page, watch: await watchPage(page) };
}

/** Closes what openAppContext opened, whatever state a failed test left it in. */
export async function closeAppContext(context: BrowserContext | undefined, browser: Browser | undefined): Promise<void> {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
}
