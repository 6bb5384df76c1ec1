import { buildFrameBurstArgs } from '../../../native/health-stream-probe.js';
import { redactCredentials } from '../redact.js';
import { grayFrame, type GrayFrame } from '../picture-analysis.js';
import { checkPicture, type FrozenTrack, type PictureReference, type TimedFrame } from '../picture-check.js';
import type { ProbeOutcome } from '../health-types.js';
import type { ProbeContext } from './probe-context.js';

export const SAMPLE_WIDTH = 320;
export const SAMPLE_HEIGHT = 180;

/** Grabs the burst of grey frames (stream-time spacing, stamped with workstation time from the probe start). */
export async function sampleFrames(ctx: ProbeContext, cameraId: number): Promise<TimedFrame[]> {
  const src = ctx.cameras.recordingSource(cameraId);
  if (!src) throw new Error('camera has no RTSP address configured');
  if (!ctx.tools) throw new Error('ffmpeg is not installed on this workstation');
  const at = ctx.now();
  const { burstFrames: frames, burstIntervalS: intervalS } = ctx.config;
  const { args } = buildFrameBurstArgs({
    rtsp: { url: src.rtspUrl, transport: src.transport, ioTimeoutS: Math.max(1, ctx.config.probeTimeoutMs / 1000) },
    frames, intervalS, width: SAMPLE_WIDTH, height: SAMPLE_HEIGHT,
  });
  const size = SAMPLE_WIDTH * SAMPLE_HEIGHT;
  let out: Buffer;
  try {
    const r = await ctx.processes.run({ command: ctx.tools.ffmpeg, args, timeoutMs: ctx.config.expensiveTimeoutMs, maxOutputBytes: size * frames + 1, name: 'ffmpeg (health frames)' });
    out = r.stdout;
  } catch (e) {
    throw new Error(redactCredentials(e instanceof Error ? e.message : String(e)).slice(0, 300));
  }
  const list: TimedFrame[] = [];
  for (let i = 0; i + size <= out.length; i += size) {
    list.push({ at: at + (i / size) * intervalS * 1000, frame: grayFrame(SAMPLE_WIDTH, SAMPLE_HEIGHT, new Uint8Array(out.subarray(i, i + size))) });
  }
  if (list.length === 0) throw new Error(`no complete frame came back (${out.length} bytes)`);
  return list;
}

export interface PictureProbeResult {
  outcome: ProbeOutcome;
  track: FrozenTrack | null;
  lastFrame: GrayFrame | null;
}

/** Black / frozen / moved / obstructed / blurred on a burst of sampled frames. Value: scene luma. */
export async function pictureProbe(ctx: ProbeContext, cameraId: number, prev: FrozenTrack | null, reference: PictureReference | null): Promise<PictureProbeResult | null> {
  if (!ctx.cameras.recordingSource(cameraId) || !ctx.tools) return null;
  const at = ctx.now();
  const base = { cameraId, kind: 'picture' as const, at };
  let frames: TimedFrame[];
  try {
    frames = await sampleFrames(ctx, cameraId);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { outcome: { ...base, status: 'degraded', value: null, fault: 'stream-unreadable', reason: `no picture could be sampled: ${msg}`, detail: {}, durationMs: ctx.now() - at }, track: prev, lastFrame: null };
  }
  const r = checkPicture(frames, prev, reference, ctx.config);
  return {
    outcome: { ...base, status: r.verdict.status, value: r.facts.luma, fault: r.verdict.fault, reason: r.verdict.reason, detail: { ...r.facts, frames: frames.length, reference: reference !== null }, durationMs: ctx.now() - at },
    track: r.track,
    lastFrame: frames[frames.length - 1]!.frame,
  };
}
