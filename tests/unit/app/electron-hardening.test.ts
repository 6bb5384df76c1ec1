import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The Electron security checklist (what @doyensec/electronegativity checks at
 * high severity), asserted on the shell's source: the Electron binary cannot
 * run here, so the window's settings and the session handlers are read from
 * main/app/electron-main.ts's syntax tree.
 */
const file = path.resolve(import.meta.dirname, '..', '..', '..', 'main', 'app', 'electron-main.ts');
const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

/** Every `webPreferences: {…}` object literal, as name → source text of the value. */
function webPreferences(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  walk(source, (n) => {
    if (ts.isPropertyAssignment(n) && n.name.getText(source) === 'webPreferences' && ts.isObjectLiteralExpression(n.initializer)) {
      const o: Record<string, string> = {};
      for (const p of n.initializer.properties) if (ts.isPropertyAssignment(p)) o[p.name.getText(source)] = p.initializer.getText(source);
      out.push(o);
    }
  });
  return out;
}

/** Calls like `x.on('will-navigate', fn)` or `x.setWindowOpenHandler(fn)`: the callee's member name and the first argument's text. */
function calls(): { member: string; arg0: string; text: string }[] {
  const out: { member: string; arg0: string; text: string }[] = [];
  walk(source, (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      out.push({ member: n.expression.name.getText(source), arg0: n.arguments[0]?.getText(source) ?? '', text: n.getText(source) });
    }
  });
  return out;
}

describe('Electron shell hardening (electronegativity checklist)', () => {
  const prefs = webPreferences();

  it('creates windows only with hardened webPreferences', () => {
    expect(prefs.length).toBeGreaterThan(0);
    for (const p of prefs) {
      expect(p.contextIsolation).toBe('true');
      expect(p.sandbox).toBe('true');
      expect(p.nodeIntegration).toBe('false');
      expect(p.nodeIntegrationInWorker).toBe('false');
      expect(p.webSecurity ?? 'true').toBe('true');
      expect(p.allowRunningInsecureContent ?? 'false').toBe('false');
      expect(p.experimentalFeatures ?? 'false').toBe('false');
      expect(p.enableBlinkFeatures).toBeUndefined();
      expect(p.webviewTag ?? 'false').toBe('false');
      expect(p.nodeIntegrationInSubFrames ?? 'false').toBe('false');
    }
  });

  it('enables the sandbox for every renderer', () => {
    expect(calls().some((c) => c.member === 'enableSandbox')).toBe(true);
  });

  it('sets a Content-Security-Policy on every response', () => {
    const c = calls().find((x) => x.member === 'onHeadersReceived');
    expect(c?.text).toMatch(/'Content-Security-Policy'/);
  });

  it('blocks navigation, redirects, window.open and <webview>', () => {
    const cs = calls();
    const on = (event: string) => cs.find((c) => c.member === 'on' && c.arg0 === `'${event}'`);
    expect(on('will-navigate')?.text).toMatch(/preventDefault\(\)/);
    expect(on('will-redirect')?.text).toMatch(/preventDefault\(\)/);
    expect(on('will-attach-webview')?.text).toMatch(/preventDefault\(\)/);
    expect(cs.find((c) => c.member === 'setWindowOpenHandler')?.text).toMatch(/action: 'deny'/);
    // Applied to every web contents ever created, not only the main window.
    expect(on('web-contents-created')?.text).toMatch(/lockDown/);
  });

  it('denies every permission request and check', () => {
    const cs = calls();
    expect(cs.find((c) => c.member === 'setPermissionRequestHandler')?.text).toMatch(/callback\(false\)/);
    expect(cs.find((c) => c.member === 'setPermissionCheckHandler')?.text).toMatch(/=>\s*false/);
  });

  it('never loads remote content or turns off certificate checks', () => {
    const text = source.getFullText();
    expect(text).not.toMatch(/certificate-error/);
    expect(text).not.toMatch(/setCertificateVerifyProc/);
    expect(text).not.toMatch(/loadURL\(\s*['"`]http/);
    expect(text).not.toMatch(/openDevTools/);
  });
});
