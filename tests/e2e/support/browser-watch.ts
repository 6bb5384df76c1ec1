import type { Page } from 'playwright-core';

export interface BrowserWatch {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  /** Every response with a status of 400 or more: "STATUS METHOD /path". */
  failedResponses: string[];
}

/**
 * Records what must not happen in the renderer: console errors, uncaught
 * exceptions, Content Security Policy violations, and HTTP refusals (so a
 * test can say exactly which refusals it expected).
 */
export async function watchPage(page: Page): Promise<BrowserWatch> {
  const watch: BrowserWatch = { consoleErrors: [], pageErrors: [], cspViolations: [], failedResponses: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => watch.pageErrors.push(String(e.stack ?? e)));
  page.on('response', (r) => {
    if (r.status() >= 400) watch.failedResponses.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  await page.exposeBinding('__reportCspViolation', (_source, text: string) => {
    watch.cspViolations.push(text);
  });
  // Init scripts are injected by the browser, not the page, so the CSP doesn't
  // stop this listener; it reports anything the policy blocks in the app itself.
  // (A string, as the root tsconfig has no DOM types.)
  await page.addInitScript(`
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' in ' + e.sourceFile + ':' + e.lineNumber);
    });
  `);
  return watch;
}
