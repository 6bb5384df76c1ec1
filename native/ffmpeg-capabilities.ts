import { statSync } from 'node:fs';
import { runOnce } from './run-once.js';

/** Features the app cannot work without, and why. */
export const REQUIRED_FEATURES = [
  { kind: 'encoder', name: 'libx264', why: 'presentation clips' },
  { kind: 'muxer', name: 'mp4', why: 'recordings and clips' },
  { kind: 'muxer', name: 'hls', why: 'live view' },
  { kind: 'muxer', name: 'segment', why: 'the recorder' },
  { kind: 'filter', name: 'drawtext', why: 'the overlay on presentation clips' },
] as const;

/** Features some checks use; their absence degrades one feature, not the app. */
export const OPTIONAL_FEATURES = [
  { kind: 'encoder', name: 'png', why: 'stills' },
  { kind: 'filter', name: 'blackdetect', why: 'camera health checks' },
  { kind: 'filter', name: 'freezedetect', why: 'camera health checks' },
  { kind: 'demuxer', name: 'rtsp', why: 'cameras' },
  { kind: 'demuxer', name: 'concat', why: 'clips spanning segments' },
] as const;

export type FeatureKind = 'encoder' | 'muxer' | 'demuxer' | 'filter';

export interface FfmpegCapabilities {
  /** e.g. "5.1.6-0+deb12u1", or null when the first line could not be read. */
  version: string | null;
  /** Major/minor when the version is a release number (git builds have none). */
  major: number | null;
  minor: number | null;
  /** "encoder:libx264" → present? for every required and optional feature. */
  features: Record<string, boolean>;
  /** Required features that are absent, as "encoder libx264 (presentation clips)". */
  missing: string[];
}

/** Version string from the first line of `ffmpeg -version` / `ffprobe -version`. */
export function parseVersionLine(text: string): { version: string | null; major: number | null; minor: number | null } {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const m = /^\S+\s+version\s+(\S+)/.exec(first.trim());
  if (!m || !m[1]) return { version: null, major: null, minor: null };
  const version = m[1];
  // Release builds: "5.1.6-0+deb12u1", "6.1.1-static", "n6.1.1"; git builds: "N-112345-g…".
  const num = /^n?(\d+)\.(\d+)/.exec(version);
  return { version, major: num ? Number(num[1]) : null, minor: num ? Number(num[2]) : null };
}

/**
 * Names from `-encoders`, `-muxers`, `-demuxers` or `-filters` output: each
 * entry line is a flags column then the name (muxers may list aliases as
 * "a,b"). Legend lines ("V..... = Video") are skipped.
 */
export function parseComponentList(text: string): Set<string> {
  const names = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const tokens = raw.trim().split(/\s+/);
    const [flags, name] = tokens;
    if (!flags || !name || name === '=' || tokens[2] === '=') continue;
    if (!/^[A-Z.|]+$/.test(flags)) continue;
    for (const n of name.split(',')) if (n) names.add(n);
  }
  return names;
}

const LIST_FLAG: Record<FeatureKind, string> = {
  encoder: '-encoders',
  muxer: '-muxers',
  demuxer: '-demuxers',
  filter: '-filters',
};

const cache = new Map<string, Promise<FfmpegCapabilities>>();

/**
 * Runs `-version` and the component lists once per binary (keyed by path,
 * size and mtime, so an upgraded ffmpeg is re-checked).
 */
export function probeCapabilities(ffmpegPath: string, timeoutMs = 15_000): Promise<FfmpegCapabilities> {
  let key = ffmpegPath;
  try {
    const st = statSync(ffmpegPath);
    key = `${ffmpegPath}|${st.size}|${st.mtimeMs}`;
  } catch {
    // Let the run report the problem.
  }
  let hit = cache.get(key);
  if (!hit) {
    hit = doProbe(ffmpegPath, timeoutMs);
    cache.set(key, hit);
    // Do not cache a failure: the admin may fix the binary and press retry.
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

/** Version only (ffprobe has no encoders to check). */
export async function probeVersion(binaryPath: string, timeoutMs = 15_000): Promise<ReturnType<typeof parseVersionLine>> {
  const r = await runOnce({ command: binaryPath, args: ['-hide_banner', '-version'], timeoutMs, maxOutputBytes: 1 << 20 });
  return parseVersionLine(r.stdout.toString('utf8'));
}

async function doProbe(ffmpegPath: string, timeoutMs: number): Promise<FfmpegCapabilities> {
  const run = async (args: string[]): Promise<string> =>
    (await runOnce({ command: ffmpegPath, args, timeoutMs, maxOutputBytes: 4 << 20 })).stdout.toString('utf8');
  // `-version` prints the "ffmpeg version …" line even with -hide_banner.
  const versionText = await run(['-version']);
  const kinds: FeatureKind[] = ['encoder', 'muxer', 'demuxer', 'filter'];
  const lists = new Map<FeatureKind, Set<string>>();
  for (const kind of kinds) lists.set(kind, parseComponentList(await run(['-hide_banner', LIST_FLAG[kind]])));
  const features: Record<string, boolean> = {};
  const missing: string[] = [];
  for (const f of [...REQUIRED_FEATURES, ...OPTIONAL_FEATURES]) {
    features[`${f.kind}:${f.name}`] = lists.get(f.kind)?.has(f.name) ?? false;
  }
  for (const f of REQUIRED_FEATURES) {
    if (!features[`${f.kind}:${f.name}`]) missing.push(`${f.kind} ${f.name} (${f.why})`);
  }
  return { ...parseVersionLine(versionText), features, missing };
}

/** Forget cached results (tests; after the admin changes the ffmpeg setting). */
export function clearCapabilitiesCache(): void {
  cache.clear();
}
