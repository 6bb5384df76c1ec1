/**
 * The Electron shell: thin by design. It starts the core in-process, opens one
 * window on it, and supplies what only Electron can: the OS keychain
 * (safeStorage) and native dialogs. Everything else is the same code that
 * `cctv serve` runs, so it is tested on plain Node.
 *
 * Security (Electron's security checklist): context isolation, sandboxed
 * renderer, no Node in the page, a strict CSP, navigation and new windows
 * blocked, no permissions granted, no remote content.
 */
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core.js';
import { startDemo } from '../demo/run-demo.js';
import { contentSecurityPolicy } from '../api/content-security-policy.js';
import type { SecretSealer } from '../secrets/secret-sealer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let core: { url: string; stop(): Promise<void> } | undefined;
let coreOrigin = '';

function keychainSealer(): SecretSealer {
  return {
    kind: 'os-keychain',
    seal: (plain) => `s1:${safeStorage.encryptString(plain).toString('base64')}`,
    open: (sealed) => {
      if (!sealed.startsWith('s1:')) throw new Error('secret was sealed by another method');
      return safeStorage.decryptString(Buffer.from(sealed.slice(3), 'base64'));
    },
  };
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== coreOrigin) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (new URL(url).origin !== coreOrigin) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to help pages open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

async function start(): Promise<void> {
  app.enableSandbox();
  const dataArg = process.argv.find((a) => a.startsWith('--data='));
  const dataDir = dataArg ? path.resolve(dataArg.slice('--data='.length)) : app.getPath('userData');
  const rendererDir = path.join(here, '..', '..', 'renderer');
  const secrets = safeStorage.isEncryptionAvailable() ? { secrets: keychainSealer() } : {};
  if (process.argv.includes('--demo')) {
    // `npm start`: the app on the simulated camera estate, in its own data folder.
    const demo = await startDemo({ dataDir: path.join(dataDir, 'demo'), port: 0, rendererDir });
    core = { url: demo.core.url, stop: () => demo.stop() };
  } else {
    const c: Core = await createCore({ dataDir, mode: 'desktop', host: '127.0.0.1', port: 0, rendererDir, ...secrets });
    core = c;
  }
  coreOrigin = new URL(core.url).origin;

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  ipcMain.handle('workstation:choose-folder', async (event) => {
    if (new URL(event.senderFrame?.url ?? 'about:blank').origin !== coreOrigin) return null;
    const result = await dialog.showOpenDialog({ properties: ['openDirectory', 'createDirectory'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });

  const win = new BrowserWindow({
    width: 1600,
    height: 960,
    minWidth: 1100,
    minHeight: 700,
    backgroundColor: '#11161c',
    title: 'CCTV Enforcement Workstation',
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click must not open anything either (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  await win.loadURL(core.url);
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight the first over the store and the recorders.
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('The workstation could not start', e instanceof Error ? e.message : String(e));
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const c = core;
    core = undefined;
    void c.stop().finally(() => app.quit());
  });
}
