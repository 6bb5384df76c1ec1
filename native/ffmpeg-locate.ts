import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { probeCapabilities, probeVersion, type FfmpegCapabilities } from './ffmpeg-capabilities.js';

export type FfTool = 'ffmpeg' | 'ffprobe';

/**
 * Where a binary came from. 'beside-ffmpeg' is ffprobe found in the same
 * folder as a non-system ffmpeg (ffmpeg-static ships no ffprobe, but an
 * admin who points CCTV_FFMPEG at a build usually has ffprobe next to it).
 */
export type BinarySource = 'setting' | 'env' | 'ffmpeg-static' | 'beside-ffmpeg' | 'system';

export interface LocatedBinary {
  tool: FfTool;
  path: string;
  source: BinarySource;
  /** e.g. "CCTV_FFMPEG", "PATH", "ffmpeg-static 5.3.0". */
  detail: string;
}

export interface LocateOptions {
  /** Explicit settings (the app's config); win over everything. */
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * What ffmpeg-static exports. Default: the installed module's export;
   * injectable for tests. null means "no ffmpeg-static".
   */
  ffmpegStaticPath?: string | null;
  /** Default process.platform. */
  platform?: NodeJS.Platform;
}

/** Install instructions, in the words the error and `cctv doctor` use. */
export const INSTALL_HINT =
  'install ffmpeg: apt-get install ffmpeg (Debian/Ubuntu), or set CCTV_FFMPEG=/path/to/ffmpeg ' +
  '(and CCTV_FFPROBE=/path/to/ffprobe); on Windows the packaged app ships ffmpeg-static';

export class FfmpegNotFoundError extends Error {
  override readonly name = 'FfmpegNotFoundError';
  constructor(readonly tool: FfTool, detail: string) {
    super(`${tool} not found: ${detail}. To fix, ${INSTALL_HINT}.`);
  }
}

const ENV_VARS: Record<FfTool, readonly string[]> = {
  // FFMPEG_BIN is what ffmpeg-static itself honours; honour it too so one
  // variable steers both.
  ffmpeg: ['CCTV_FFMPEG', 'FFMPEG_BIN'],
  ffprobe: ['CCTV_FFPROBE', 'FFPROBE_BIN'],
};

/**
 * Inside a packaged Electron app node_modules lives in app.asar, which child
 * processes cannot execute from; electron-builder unpacks binaries to
 * app.asar.unpacked (asarUnpack) and the path must point there.
 */
export function toUnpackedAsarPath(p: string): string {
  return p.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    if (platform !== 'win32') accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Searches PATH like a shell would (with PATHEXT on Windows). */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  const pathVar = env.PATH ?? env.Path ?? '';
  const delimiter = platform === 'win32' ? ';' : ':';
  const exts = platform === 'win32'
    ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)]
    : [''];
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return null;
}

/** A configured value: a path, or a bare name to look up on PATH. */
function resolveConfigured(value: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (!/[\\/]/.test(value)) return findOnPath(value, env, platform);
  const abs = path.resolve(value);
  return isExecutableFile(abs, platform) ? abs : null;
}

function defaultFfmpegStaticPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const exported: unknown = require('ffmpeg-static');
    return typeof exported === 'string' ? exported : null;
  } catch {
    return null;
  }
}

/**
 * Resolves one tool: setting → environment → ffmpeg-static (ffmpeg only, if
 * its binary is really on disk; the npm package installs without it when
 * the download is blocked) → beside ffmpeg (ffprobe only) → PATH.
 *
 * A setting or variable that names a missing file is an error rather than a
 * silent fall-through: the admin chose that binary and must learn it is gone.
 */
export function locateBinary(tool: FfTool, opts: LocateOptions = {}, ffmpeg?: LocatedBinary): LocatedBinary {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const setting = tool === 'ffmpeg' ? opts.ffmpegPath : opts.ffprobePath;
  if (setting !== undefined && setting !== '') {
    const p = resolveConfigured(setting, env, platform);
    if (!p) throw new FfmpegNotFoundError(tool, `the configured ${tool} path "${setting}" is not an executable file`);
    return { tool, path: p, source: 'setting', detail: 'settings' };
  }
  for (const name of ENV_VARS[tool]) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const p = resolveConfigured(value, env, platform);
    if (!p) throw new FfmpegNotFoundError(tool, `${name}="${value}" is not an executable file`);
    return { tool, path: p, source: 'env', detail: name };
  }
  if (tool === 'ffmpeg') {
    const exported = opts.ffmpegStaticPath === undefined ? defaultFfmpegStaticPath() : opts.ffmpegStaticPath;
    if (exported) {
      const p = toUnpackedAsarPath(exported);
      if (isExecutableFile(p, platform)) return { tool, path: p, source: 'ffmpeg-static', detail: 'ffmpeg-static' };
    }
  } else if (ffmpeg && ffmpeg.source !== 'system') {
    const exe = platform === 'win32' ? 'ffprobe.exe' : 'ffprobe';
    const dirname = platform === 'win32' ? path.win32.dirname : path.posix.dirname;
    const join = platform === 'win32' ? path.win32.join : path.posix.join;
    const p = join(dirname(ffmpeg.path), exe);
    if (isExecutableFile(p, platform)) return { tool, path: p, source: 'beside-ffmpeg', detail: `next to ${ffmpeg.path}` };
  }
  const onPath = findOnPath(tool, env, platform);
  if (onPath) return { tool, path: onPath, source: 'system', detail: 'PATH' };
  throw new FfmpegNotFoundError(tool, `no ${tool} in settings, ${ENV_VARS[tool].join('/')}, ` +
    `${tool === 'ffmpeg' ? 'ffmpeg-static (binary not downloaded), ' : ''}or on PATH`);
}

export interface LocatedTools {
  ffmpeg: LocatedBinary;
  ffprobe: LocatedBinary;
}

export function locateFfmpeg(opts: LocateOptions = {}): LocatedTools {
  const ffmpeg = locateBinary('ffmpeg', opts);
  return { ffmpeg, ffprobe: locateBinary('ffprobe', opts, ffmpeg) };
}

/** Oldest ffmpeg the argument builders are written for (-fps_mode, -timeout in µs for RTSP). */
export const MIN_FFMPEG = { major: 5, minor: 1 } as const;

export interface ToolReport {
  found: boolean;
  path: string | null;
  source: BinarySource | null;
  detail: string | null;
  version: string | null;
  error: string | null;
}

/** What `cctv doctor` prints about ffmpeg. */
export interface FfmpegReport {
  ok: boolean;
  ffmpeg: ToolReport & { capabilities: FfmpegCapabilities | null };
  ffprobe: ToolReport;
  /** Human sentences: what is wrong and what to do. Empty when ok. */
  problems: string[];
}

function emptyTool(error: string): ToolReport {
  return { found: false, path: null, source: null, detail: null, version: null, error };
}

/**
 * Locates both tools and checks the version and required features. Never
 * throws: every problem becomes a sentence in `problems`.
 */
export async function describeFfmpeg(opts: LocateOptions = {}): Promise<FfmpegReport> {
  const problems: string[] = [];
  let ffmpegLoc: LocatedBinary | undefined;
  let ffmpegReport: FfmpegReport['ffmpeg'];
  try {
    ffmpegLoc = locateBinary('ffmpeg', opts);
    ffmpegReport = { found: true, ...pick(ffmpegLoc), version: null, error: null, capabilities: null };
    try {
      const caps = await probeCapabilities(ffmpegLoc.path);
      ffmpegReport.capabilities = caps;
      ffmpegReport.version = caps.version;
      if (caps.missing.length > 0) {
        problems.push(`${ffmpegLoc.path} lacks ${caps.missing.join(', ')}; ${INSTALL_HINT}`);
      }
      if (caps.major !== null && caps.minor !== null &&
        (caps.major < MIN_FFMPEG.major || (caps.major === MIN_FFMPEG.major && caps.minor < MIN_FFMPEG.minor))) {
        problems.push(`ffmpeg ${caps.version} is older than ${MIN_FFMPEG.major}.${MIN_FFMPEG.minor}; ${INSTALL_HINT}`);
      }
    } catch (err) {
      ffmpegReport.error = (err as Error).message;
      problems.push(`${ffmpegLoc.path} does not run: ${(err as Error).message.split('\n')[0]}`);
    }
  } catch (err) {
    ffmpegReport = { ...emptyTool((err as Error).message), capabilities: null };
    problems.push((err as Error).message);
  }
  let ffprobeReport: ToolReport;
  try {
    const loc = locateBinary('ffprobe', opts, ffmpegLoc);
    ffprobeReport = { found: true, ...pick(loc), version: null, error: null };
    try {
      ffprobeReport.version = (await probeVersion(loc.path)).version;
    } catch (err) {
      ffprobeReport.error = (err as Error).message;
      problems.push(`${loc.path} does not run: ${(err as Error).message.split('\n')[0]}`);
    }
  } catch (err) {
    ffprobeReport = emptyTool((err as Error).message);
    problems.push((err as Error).message);
  }
  return { ok: problems.length === 0, ffmpeg: ffmpegReport, ffprobe: ffprobeReport, problems };
}

function pick(l: LocatedBinary): Pick<ToolReport, 'path' | 'source' | 'detail'> {
  return { path: l.path, source: l.source, detail: l.detail };
}
