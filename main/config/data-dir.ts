import os from 'node:os';
import path from 'node:path';

/**
 * Where the workstation keeps its SQLite store, recordings, evidence and logs.
 *
 * Order: an explicit `--data DIR`, then CCTV_DATA_DIR, then the per-OS default
 * (the same folders Electron's app.getPath('userData') would pick, so the
 * desktop app and `cctv serve` on one machine share a store).
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.CCTV_DATA_DIR) return path.resolve(env.CCTV_DATA_DIR);
  return defaultDataDir(process.platform, env, os.homedir());
}

export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  const appName = 'cctv-workstation';
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'CCTV Workstation');
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'CCTV Workstation');
  }
  return path.posix.join(env.XDG_DATA_HOME || path.posix.join(home, '.local', 'share'), appName);
}
