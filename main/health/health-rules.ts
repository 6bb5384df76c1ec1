import type { CameraHealthStatus, FaultCode, ProbeKind, ProbeStatus } from './health-types.js';

/**
 * The status rules, in one pure file: what each probe's numbers mean
 * (ok / degraded / down, with a reason a supervisor can read) and how a
 * camera's overall status follows from its latest probe of each kind.
 *
 * down: no pictures at all (unreachable). degraded: pictures, but not ones
 * that can be used as evidence or not being kept (clock, frame rate,
 * picture faults, stale recording, low storage, garbage answers).
 */

export interface Verdict {
  status: ProbeStatus;
  fault: FaultCode | null;
  reason: string | null;
}

export const OK: Verdict = { status: 'ok', fault: null, reason: null };

export function clockVerdict(offsetS: number | null, maxDriftS: number): Verdict {
  if (offsetS === null || !Number.isFinite(offsetS)) {
    return { status: 'degraded', fault: 'clock-unreadable', reason: 'camera clock could not be read' };
  }
  if (Math.abs(offsetS) > maxDriftS) {
    return {
      status: 'degraded',
      fault: 'clock-drift',
      reason: `camera clock is ${offsetS > 0 ? 'ahead' : 'behind'} by ${Math.abs(offsetS).toFixed(1)} s (limit ±${maxDriftS} s)`,
    };
  }
  return OK;
}

export interface StreamFacts {
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  bitRate: number | null;
  packets: number;
}

export function streamVerdict(s: StreamFacts, minFps: number): Verdict {
  if (s.packets === 0 || s.codec === null) {
    return { status: 'degraded', fault: 'garbage', reason: 'stream answered but no video could be read from it' };
  }
  if (s.fps === null) return { status: 'degraded', fault: 'garbage', reason: 'stream frame rate could not be measured' };
  if (s.fps < minFps) {
    return { status: 'degraded', fault: 'low-frame-rate', reason: `stream is ${s.fps.toFixed(1)} frames/s (at least ${minFps} required)` };
  }
  return OK;
}

export function recordingVerdict(ageS: number | null, maxAgeS: number): Verdict {
  // No segment at all: this camera is not recorded here (or not yet); nothing to judge.
  if (ageS === null) return OK;
  if (ageS > maxAgeS) {
    return { status: 'degraded', fault: 'recording-stale', reason: `newest recording is ${Math.round(ageS)} s old (limit ${maxAgeS} s)` };
  }
  return OK;
}

export function storageVerdict(freeBytes: number | null, minFreeBytes: number): Verdict {
  if (freeBytes === null) return OK;
  if (freeBytes < minFreeBytes) {
    return {
      status: 'degraded',
      fault: 'storage-low',
      reason: `${(freeBytes / 1024 ** 3).toFixed(1)} GiB free on the recording disk (at least ${(minFreeBytes / 1024 ** 3).toFixed(1)} GiB wanted)`,
    };
  }
  return OK;
}

/** The worse of two statuses. */
export function worse(a: CameraHealthStatus, b: CameraHealthStatus): CameraHealthStatus {
  const rank: Record<CameraHealthStatus, number> = { unknown: 0, ok: 1, degraded: 2, down: 3 };
  return rank[b] > rank[a] ? b : a;
}

/** Overall status from the latest result of each kind: the worst wins, every non-ok reason is kept. */
export function cameraStatus(latest: ReadonlyArray<{ kind: ProbeKind; status: ProbeStatus; reason: string | null }>): {
  status: CameraHealthStatus;
  reasons: string[];
} {
  if (latest.length === 0) return { status: 'unknown', reasons: ['not probed yet'] };
  let status: CameraHealthStatus = 'ok';
  const reasons: string[] = [];
  for (const p of latest) {
    status = worse(status, p.status);
    if (p.status !== 'ok') reasons.push(`${p.kind}: ${p.reason ?? p.status}`);
  }
  return { status, reasons };
}
