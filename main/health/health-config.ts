import type { FaultCode } from './health-types.js';

/**
 * Everything about probing that a council may tune. Defaults follow the
 * issue (every 60 s, 3 failures in a row open a defect) and DOMAIN §6
 * (≥ 5 frames a second, clock within ±10 s: SI 2022/71 Sch. 1).
 */
export interface HealthConfig {
  /** How often each camera gets the cheap probes (network, clock, recording, storage). */
  periodMs: number;
  /** The expensive probes (stream packets, picture frames) run every Nth period. */
  expensiveEvery: number;
  /** Probes running at once, across all cameras. */
  concurrency: number;
  /** Expensive probes (ffmpeg/ffprobe children) running at once. */
  expensiveConcurrency: number;
  /** Cut-off for one cheap probe. */
  probeTimeoutMs: number;
  /** Cut-off for one expensive probe (they read seconds of video). */
  expensiveTimeoutMs: number;
  /** Consecutive failures of the same fault that open a defect. */
  failuresToOpen: number;
  maxClockDriftS: number;
  minFps: number;
  /** Newest segment older than this: recording stale. */
  maxRecordingAgeS: number;
  /** Free space on the data disk below this: storage low. */
  minFreeBytes: number;
  /** Scene luma (0..255) below this: black picture. */
  blackLuma: number;
  /** Masked mean difference (0..255) below this counts as "no change". */
  frozenDiff: number;
  /** Picture unchanged for at least this long: frozen. */
  frozenMinMs: number;
  /** Sharpness below this fraction of the camera's baseline: blurred. */
  blurRatio: number;
  /** Share of grid cells unlike the reference above which the view has changed. */
  viewMismatchShare: number;
  /** Of the changed cells, the flat share above which it is an obstruction rather than a move. */
  obstructedFlatShare: number;
  /** Frames per picture probe and their spacing. */
  burstFrames: number;
  burstIntervalS: number;
  /** Seconds of packets the stream probe reads. */
  streamWindowS: number;
  /** Auto defects of these faults hold enforcement (no lawful evidence: SI 2022/71 Sch. 1). */
  blockingFaults: readonly FaultCode[];
}

export const DEFAULT_HEALTH_CONFIG: HealthConfig = {
  periodMs: 60_000,
  expensiveEvery: 1,
  concurrency: 32,
  expensiveConcurrency: 2,
  probeTimeoutMs: 5_000,
  expensiveTimeoutMs: 15_000,
  failuresToOpen: 3,
  maxClockDriftS: 10,
  minFps: 5,
  maxRecordingAgeS: 120,
  minFreeBytes: 5 * 1024 ** 3,
  blackLuma: 16,
  frozenDiff: 0.5,
  frozenMinMs: 1_800,
  blurRatio: 0.35,
  viewMismatchShare: 0.5,
  obstructedFlatShare: 0.65,
  burstFrames: 3,
  burstIntervalS: 1,
  streamWindowS: 2,
  blockingFaults: ['clock-drift', 'low-frame-rate', 'moved', 'obstructed', 'black', 'frozen'],
};

/** Settings key: a partial HealthConfig an administrator stored. */
export const HEALTH_CONFIG_SETTING = 'health.config';

export function resolveHealthConfig(...parts: ReadonlyArray<Partial<HealthConfig> | undefined>): HealthConfig {
  const c: HealthConfig = { ...DEFAULT_HEALTH_CONFIG };
  for (const p of parts) if (p) Object.assign(c, Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)));
  if (!(c.periodMs >= 500)) throw new RangeError('health periodMs must be at least 500 ms');
  if (!(c.failuresToOpen >= 1)) throw new RangeError('health failuresToOpen must be at least 1');
  if (!(c.concurrency >= 1) || !(c.expensiveConcurrency >= 1)) throw new RangeError('health concurrency must be at least 1');
  if (!(c.expensiveEvery >= 1)) throw new RangeError('health expensiveEvery must be at least 1');
  return c;
}
