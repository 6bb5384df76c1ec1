import {
  buildFilter,
  escapeDrawtextFunctionArg,
  escapeDrawtextLiteral,
  sanitiseOverlayText,
} from './drawtext-escape.js';
import type { FfmpegInvocation } from './invocation.js';
import { mediaInputArgs, type MediaInput } from './media-input.js';
import {
  formatSeconds,
  requireFiniteNumber,
  requireNonEmptyString,
  requireNonNegative,
  requireOneOf,
  requirePositive,
} from './validate.js';
import { zoneSpans } from './zone-offset.js';

export interface ClipPresentationOptions {
  input: MediaInput;
  outputPath: string;
  /** Start within the input's timeline, seconds. */
  startS: number;
  durationS: number;
  /** Wall-clock time (UTC epoch ms) of the frame at startS: what the overlay's clock starts from. */
  startUtcMs: number;
  camera: string;
  location: string;
  /** Zone the burned-in time is shown in. Default Europe/London (restrictions are signed in UK time). */
  timeZone?: string;
  /** A TrueType/OpenType file; without one drawtext asks fontconfig for its default. */
  fontFile?: string;
  /** libx264 CRF, default 18 (visually lossless: number plates must stay legible). */
  crf?: number;
  preset?: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow';
  /** Report progress on stdout (for run-once's onProgress). Default true. */
  progress?: boolean;
}

const STRFTIME = '%Y-%m-%d %H:%M:%S';

/**
 * The PRESENTATION clip: frame-accurate cut, re-encoded with libx264, with
 * camera, location, date/time and a frame counter burned in, for the PCN
 * evidence pack and the tribunal. It is a derived copy; the ORIGINAL clip
 * remains the primary evidence.
 *
 * `-ss` before the input with re-encode is frame-accurate (ffmpeg decodes
 * from the keyframe before and discards frames until the exact time).
 *
 * The clock is drawtext's `%{pts:gmtime:OFFSET:format}` with OFFSET = clip
 * start in *local* epoch seconds, computed here with Intl, so no TZ has to
 * be right in the child. When a GMT/BST change falls inside the clip the
 * clock line is drawn twice with `enable` on either side of the change.
 */
export function buildClipPresentationArgs(opts: ClipPresentationOptions): FfmpegInvocation {
  const out = requireNonEmptyString('outputPath', opts.outputPath);
  const startS = requireNonNegative('startS', opts.startS);
  const durationS = requirePositive('durationS', opts.durationS);
  const startUtcMs = requireFiniteNumber('startUtcMs', opts.startUtcMs);
  const camera = sanitiseOverlayText(requireNonEmptyString('camera', opts.camera));
  const location = sanitiseOverlayText(requireNonEmptyString('location', opts.location));
  const zone = opts.timeZone ?? 'Europe/London';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  } catch {
    throw new Error(`timeZone ${zone} is not a known IANA zone`);
  }
  const crf = requireNonNegative('crf', opts.crf ?? 18);
  if (crf > 51) throw new Error('crf must be between 0 and 51');
  const preset = requireOneOf('preset', opts.preset ?? 'fast',
    ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'] as const);

  const font: Array<[string, string]> = opts.fontFile
    ? [['fontfile', requireNonEmptyString('fontFile', opts.fontFile)]]
    : [];
  // Sizes relative to the picture so a 720p and a 4K camera look alike.
  const style: Array<[string, string]> = [
    ...font,
    ['fontsize', 'h/28'],
    ['fontcolor', 'white'],
    ['box', '1'],
    ['boxcolor', 'black@0.6'],
    ['boxborderw', '6'],
    ['x', '(h/60)'],
  ];
  const line = (n: number): [string, string] => ['y', `(h/60)+${n}*(h/28+14)`];

  const filters: string[] = [
    buildFilter('drawtext', [...style, line(0), ['text', escapeDrawtextLiteral(`${camera} | ${location}`)]]),
  ];
  const spans = zoneSpans(zone, startUtcMs, startUtcMs + durationS * 1000);
  spans.forEach((span, i) => {
    const localEpochS = (startUtcMs + span.offsetS * 1000) / 1000;
    const clock =
      `%{pts:gmtime:${escapeDrawtextFunctionArg(formatSeconds(localEpochS))}:${escapeDrawtextFunctionArg(STRFTIME)}}` +
      ` ${escapeDrawtextLiteral(span.abbreviation)}`;
    const options: Array<[string, string]> = [...style, line(1), ['text', clock]];
    if (spans.length > 1) {
      const fromT = (span.fromMs - startUtcMs) / 1000;
      const next = spans[i + 1];
      const untilT = next ? (next.fromMs - startUtcMs) / 1000 : undefined;
      const cond = untilT === undefined
        ? `gte(t,${formatSeconds(fromT)})`
        : `between(t,${formatSeconds(fromT)},${formatSeconds(untilT - 0.000001)})`;
      options.push(['enable', cond]);
    }
    filters.push(buildFilter('drawtext', options));
  });
  // Frame counter from 1 within the clip, as officers and adjudicators count.
  filters.push(buildFilter('drawtext', [...style, line(2), ['text', 'Frame %{eif:n+1:d}']]));

  const args = ['-hide_banner', '-nostdin', '-loglevel', 'level+warning', '-y'];
  if (opts.progress ?? true) args.push('-nostats', '-progress', 'pipe:1');
  args.push(
    '-ss', formatSeconds(startS),
    ...mediaInputArgs(opts.input),
    '-t', formatSeconds(durationS),
    '-map', '0:v:0',
    '-vf', filters.join(','),
    '-c:v', 'libx264', '-preset', preset, '-crf', String(crf),
    // yuv420p + high profile: plays in every browser and Windows player.
    '-pix_fmt', 'yuv420p',
    // Keep the camera's frame timing: no frames duplicated or dropped.
    '-fps_mode', 'passthrough',
    '-an',
    '-movflags', '+faststart',
    '-f', 'mp4', out,
  );
  return { args };
}
