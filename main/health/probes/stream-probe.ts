import { buildStreamPacketProbeArgs, parseStreamPacketProbe } from '../../../native/health-stream-probe.js';
import { redactCredentials } from '../redact.js';
import { streamVerdict } from '../health-rules.js';
import type { ProbeOutcome } from '../health-types.js';
import type { ProbeContext } from './probe-context.js';

/** Codec, size, measured frame rate and bit rate from a few seconds of packets. Value: frames/s. */
export async function streamProbe(ctx: ProbeContext, cameraId: number): Promise<ProbeOutcome | null> {
  const src = ctx.cameras.recordingSource(cameraId);
  if (!src || !ctx.tools) return null;
  const at = ctx.now();
  const base = { cameraId, kind: 'stream' as const, at };
  try {
    const { args } = buildStreamPacketProbeArgs({
      rtsp: { url: src.rtspUrl, transport: src.transport, ioTimeoutS: Math.max(1, ctx.config.probeTimeoutMs / 1000) },
      windowS: ctx.config.streamWindowS,
    });
    const r = await ctx.processes.run({ command: ctx.tools.ffprobe, args, timeoutMs: ctx.config.expensiveTimeoutMs, maxOutputBytes: 4 * 1024 * 1024, name: 'ffprobe (health)' });
    const facts = parseStreamPacketProbe(r.stdout.toString('utf8'));
    const v = streamVerdict(facts, ctx.config.minFps);
    return { ...base, status: v.status, value: facts.fps, fault: v.fault, reason: v.reason, detail: { ...facts }, durationMs: ctx.now() - at };
  } catch (e) {
    // ffmpeg's messages quote the URL: strip credentials before anything is stored or logged.
    const msg = redactCredentials(e instanceof Error ? e.message : String(e)).slice(0, 300);
    return { ...base, status: 'degraded', value: null, fault: 'stream-unreadable', reason: `stream could not be read: ${msg}`, detail: {}, durationMs: ctx.now() - at };
  }
}
