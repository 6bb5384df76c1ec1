import { readFileSync } from 'node:fs';

/** The app's version, read from package.json (two levels up from main/ or dist/main/). */
export const appVersion: string = (() => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cctv-enforcement-workstation' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
})();
