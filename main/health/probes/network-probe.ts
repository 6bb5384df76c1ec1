import { rtspDescribe, RtspProbeError } from '../rtsp-describe.js';
import type { ProbeOutcome } from '../health-types.js';
import { ProbeTimeout, withTimeout } from '../with-timeout.js';
import type { ProbeContext } from './probe-context.js';

/** Reachability: RTSP DESCRIBE of the camera's stream. Value: round trip, ms. */
export async function networkProbe(ctx: ProbeContext, cameraId: number): Promise<ProbeOutcome> {
  const at = ctx.now();
  const base = { cameraId, kind: 'network' as const, at };
  const src = ctx.cameras.recordingSource(cameraId);
  if (!src) {
    return { ...base, status: 'degraded', value: null, fault: 'garbage', reason: 'camera has no RTSP address configured', detail: {}, durationMs: 0 };
  }
  try {
    const r = await withTimeout(ctx.config.probeTimeoutMs, (signal) => rtspDescribe(src.rtspUrl, signal));
    const durationMs = ctx.now() - at;
    if (r.status === 200) return { ...base, status: 'ok', value: r.rttMs, fault: null, reason: null, detail: { rtsp: 200 }, durationMs };
    if (r.status === 401 || r.status === 403) {
      return { ...base, status: 'degraded', value: r.rttMs, fault: 'garbage', reason: `camera refused the stored credentials (RTSP ${r.status})`, detail: { rtsp: r.status }, durationMs };
    }
    return { ...base, status: 'down', value: r.rttMs, fault: 'offline', reason: `camera answered RTSP ${r.status}: no stream available`, detail: { rtsp: r.status }, durationMs };
  } catch (e) {
    const durationMs = ctx.now() - at;
    if (e instanceof RtspProbeError && e.kind === 'garbage') {
      return { ...base, status: 'degraded', value: null, fault: 'garbage', reason: `camera answered nonsense: ${e.message}`, detail: {}, durationMs };
    }
    const why = e instanceof ProbeTimeout ? `no answer within ${e.ms} ms` : e instanceof Error ? e.message : String(e);
    return { ...base, status: 'down', value: null, fault: 'offline', reason: `camera unreachable: ${why}`, detail: {}, durationMs };
  }
}
