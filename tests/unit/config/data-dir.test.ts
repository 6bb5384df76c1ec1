import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { defaultDataDir, resolveDataDir } from '../../../main/config/data-dir.js';

describe('data folder', () => {
  it('prefers --data, then CCTV_DATA_DIR', () => {
    expect(resolveDataDir('rel/dir', { CCTV_DATA_DIR: '/env' })).toBe(path.resolve('rel/dir'));
    expect(resolveDataDir(undefined, { CCTV_DATA_DIR: '/env/dir' })).toBe('/env/dir');
  });

  it.each([
    ['linux', {}, '/home/o', '/home/o/.local/share/cctv-workstation'],
    ['linux', { XDG_DATA_HOME: '/x' }, '/home/o', '/x/cctv-workstation'],
    ['darwin', {}, '/Users/o', '/Users/o/Library/Application Support/CCTV Workstation'],
    ['win32', { APPDATA: 'C:\\Users\\o\\AppData\\Roaming' }, 'C:\\Users\\o', 'C:\\Users\\o\\AppData\\Roaming\\CCTV Workstation'],
  ] as const)('per-OS default on %s', (platform, env, home, expected) => {
    expect(defaultDataDir(platform, env, home)).toBe(expected);
  });
});
