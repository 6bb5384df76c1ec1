import { clockVerdict } from '../health-rules.js';
import type { ProbeOutcome } from '../health-types.js';
import { withTimeout } from '../with-timeout.js';
import type { ProbeContext } from './probe-context.js';

/** The camera's clock over ONVIF against the workstation's. Value: drift in seconds (camera − workstation). */
export async function clockProbe(ctx: ProbeContext, cameraId: number): Promise<ProbeOutcome> {
  const at = ctx.now();
  let offsetS: number | null = null;
  let error: string | null = null;
  try {
    const r = await withTimeout(ctx.config.probeTimeoutMs, () => ctx.cameras.readClock(cameraId));
    offsetS = typeof r?.offsetS === 'number' && Number.isFinite(r.offsetS) ? r.offsetS : null;
    if (offsetS === null) error = 'camera answered without a usable time';
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const v = clockVerdict(offsetS, ctx.config.maxClockDriftS);
  return {
    cameraId,
    kind: 'clock',
    at,
    status: v.status,
    value: offsetS,
    fault: v.fault,
    reason: error && v.fault === 'clock-unreadable' ? `camera clock could not be read: ${error}` : v.reason,
    detail: {},
    durationMs: ctx.now() - at,
  };
}
