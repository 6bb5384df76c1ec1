import { accessSync, constants, existsSync, mkdirSync, statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describeFfmpeg, findOnPath, runOnce } from '../../native/index.js';
import { sqliteVersion } from '../store/database.js';

export type CheckStatus = 'ok' | 'missing' | 'warning';

export interface Check {
  name: string;
  status: CheckStatus;
  /** Needed to run the workstation at all (as opposed to tests or the desktop shell). */
  required: boolean;
  detail: string;
  /** What to do about it, when not ok. */
  fix?: string;
}

const require = createRequire(import.meta.url);

function nodeCheck(): Check {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > 20 || (major === 20 && minor >= 19);
  return { name: 'Node.js', status: ok ? 'ok' : 'missing', required: true, detail: `${process.versions.node} at ${process.execPath}`, ...(ok ? {} : { fix: 'install Node.js 20.19 or later' }) };
}

function sqliteCheck(): Check {
  try {
    return { name: 'SQLite (better-sqlite3)', status: 'ok', required: true, detail: `SQLite ${sqliteVersion()}` };
  } catch (e) {
    return { name: 'SQLite (better-sqlite3)', status: 'missing', required: true, detail: (e as Error).message.split('\n')[0]!, fix: 'run npm ci (better-sqlite3 builds from source with python3, make and g++)' };
  }
}

function dataDirCheck(dataDir: string): Check {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    const fs = statfsSync(dataDir);
    const freeGiB = (fs.bavail * fs.bsize) / 2 ** 30;
    const low = freeGiB < 5;
    return {
      name: 'Data folder',
      status: low ? 'warning' : 'ok',
      required: true,
      detail: `${dataDir} (writable, ${freeGiB.toFixed(1)} GiB free)`,
      ...(low ? { fix: 'free disk space: recordings need several GiB per camera per day' } : {}),
    };
  } catch (e) {
    return { name: 'Data folder', status: 'missing', required: true, detail: `${dataDir}: ${(e as Error).message}`, fix: 'choose a writable folder with --data DIR' };
  }
}

async function chromiumCheck(): Promise<Check> {
  const found = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].map((n) => findOnPath(n, process.env, process.platform)).find(Boolean);
  if (!found) return { name: 'Chromium', status: 'missing', required: false, detail: 'not found on PATH (needed for the end-to-end tests and to open the UI in browser mode)', fix: 'apt-get install chromium' };
  try {
    const r = await runOnce({ command: found, args: ['--version'], timeoutMs: 15_000 });
    return { name: 'Chromium', status: 'ok', required: false, detail: `${r.stdout.toString().trim()} at ${found}` };
  } catch (e) {
    return { name: 'Chromium', status: 'warning', required: false, detail: `${found} does not run: ${(e as Error).message.split('\n')[0]}` };
  }
}

function electronCheck(): Check {
  try {
    const binary = require('electron') as unknown;
    if (typeof binary === 'string' && existsSync(binary)) return { name: 'Electron', status: 'ok', required: false, detail: binary };
    return { name: 'Electron', status: 'missing', required: false, detail: 'the electron package is installed but its binary is not (it could not be downloaded)', fix: 'on a machine with internet access, npm ci downloads it; here `npm start` runs in browser mode' };
  } catch (e) {
    const notDownloaded = /failed to install correctly/.test((e as Error).message);
    return { name: 'Electron', status: 'missing', required: false, detail: notDownloaded ? 'the electron package is installed but its binary could not be downloaded' : (e as Error).message.split('\n')[0]!, fix: 'on a machine with internet access, npm ci downloads it; here `npm start` runs in browser mode' };
  }
}

function tesseractDataCheck(): Check {
  try {
    const dir = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
    const file = ['4.0.0_best_int/eng.traineddata.gz', '4.0.0/eng.traineddata.gz'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
    return file
      ? { name: 'OCR language data', status: 'ok', required: false, detail: file }
      : { name: 'OCR language data', status: 'missing', required: false, detail: `no eng.traineddata in ${dir}`, fix: 'run npm ci' };
  } catch {
    return { name: 'OCR language data', status: 'missing', required: false, detail: '@tesseract.js-data/eng not installed', fix: 'run npm ci' };
  }
}

/** Everything `cctv doctor` reports, each check truthful about this machine. */
export async function checkMachine(dataDir: string): Promise<Check[]> {
  const ff = await describeFfmpeg();
  const tool = (name: 'ffmpeg' | 'ffprobe'): Check => {
    const t = ff[name];
    if (!t.found) return { name, status: 'missing', required: true, detail: t.error ?? 'not found', fix: 'apt-get install ffmpeg (Debian/Ubuntu), or set CCTV_FFMPEG and CCTV_FFPROBE' };
    const problems = ff.problems.filter((p) => t.path && p.includes(t.path));
    return {
      name,
      status: t.error || problems.length ? 'warning' : 'ok',
      required: true,
      detail: `${t.version ?? 'unknown version'} at ${t.path} (from ${t.source})`,
      ...(problems.length ? { fix: problems.join('; ') } : t.error ? { fix: t.error } : {}),
    };
  };
  return [nodeCheck(), tool('ffmpeg'), tool('ffprobe'), sqliteCheck(), dataDirCheck(dataDir), await chromiumCheck(), electronCheck(), tesseractDataCheck()];
}
