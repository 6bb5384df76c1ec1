import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from '../command.js';
import { findOnPath } from '../../../native/index.js';
import { launchApp } from '../../../native/launch-detached.js';
import { demoHelp, runDemoCommand } from './demo.js';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The Electron binary, where its install could download it; null here. */
function electronBinary(): string | null {
  try {
    const p = require('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function chromiumBinary(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = findOnPath(name, process.env, process.platform);
    if (found) return found;
  }
  return null;
}

export const startCommand: CliCommand = {
  path: ['start'],
  summary: 'Start the app on the demo estate: Electron where installed, else browser mode',
  help: `Usage: cctv start [--browser] [demo options]

Opens the Electron app on the demo camera estate. Where the Electron binary
is not installed (it could not be downloaded), starts the core and the demo
estate, serves the UI in browser mode, prints the URL and opens it in
Chromium when there is a display.

  --browser   browser mode even where Electron is installed

${demoHelp}`,
  async run(argv, io) {
    const browserOnly = argv.includes('--browser');
    const rest = argv.filter((a) => a !== '--browser');
    const electron = browserOnly ? null : electronBinary();
    const electronMain = path.join(root, 'dist', 'main', 'app', 'electron-main.js');
    if (electron && existsSync(electronMain)) {
      io.out(`Starting the Electron app (${electron})…`);
      const app = launchApp(electron, [root, '--demo', ...rest]);
      const code = await app.exited;
      return code ?? 1;
    }
    io.out(electron ? 'Electron is installed but the shell is not built (npm run build); using browser mode.' : 'No Electron binary on this machine: starting in browser mode.');
    let browser: ReturnType<typeof launchApp> | undefined;
    const code = await runDemoCommand(rest, io, (url) => {
      const chromium = chromiumBinary();
      const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
      if (chromium && display) {
        io.out(`Opening ${url} in ${chromium}`);
        browser = launchApp(chromium, [`--app=${url}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${path.join(root, '.chromium-profile')}`]);
      } else {
        io.out(`Open ${url} in a browser${chromium ? ' (no display here to open Chromium on)' : ''}.`);
      }
    });
    browser?.stop();
    return code;
  },
};
