import { recordingVerdict, storageVerdict } from '../health-rules.js';
import type { ProbeOutcome } from '../health-types.js';
import type { ProbeContext } from './probe-context.js';

/** Age of the newest recorded segment (from the media feature's index). Value: age in seconds. */
export function recordingProbe(ctx: ProbeContext, cameraId: number): ProbeOutcome {
  const at = ctx.now();
  let end: number | null = null;
  let error: string | null = null;
  try {
    end = ctx.newestSegmentEnd(cameraId);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const ageS = end === null ? null : Math.max(0, (at - end) / 1000);
  const v = recordingVerdict(ageS, ctx.config.maxRecordingAgeS);
  return {
    cameraId, kind: 'recording', at, status: v.status, value: ageS, fault: v.fault, reason: v.reason,
    detail: error ? { error } : end === null ? { recorded: false } : {}, durationMs: ctx.now() - at,
  };
}

/** Free space where recordings are kept, once per period for the workstation (camera id 0). Value: bytes. */
export async function storageProbe(ctx: ProbeContext): Promise<ProbeOutcome> {
  const at = ctx.now();
  let free: number | null = null;
  try {
    free = await ctx.freeBytes();
  } catch {
    free = null;
  }
  const v = storageVerdict(free, ctx.config.minFreeBytes);
  return { cameraId: 0, kind: 'storage', at, status: v.status, value: free, fault: v.fault, reason: v.reason, detail: {}, durationMs: ctx.now() - at };
}
