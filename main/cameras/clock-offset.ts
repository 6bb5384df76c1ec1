import { DEVICE_REQUIREMENTS } from '../domain/approved-device-requirements.js';

/**
 * A camera's clock offset from the workstation. The camera's answer was
 * created somewhere between sending the request and receiving the reply, so
 * compare it with the midpoint of the round trip; half the round trip bounds
 * the error. ONVIF reports whole seconds, so the camera's time may be up to
 * 1 s behind its true clock: the bound includes that.
 */
export interface ClockReading {
  /** Camera minus workstation, seconds (positive: the camera runs fast). */
  offsetS: number;
  /** Uncertainty, ± seconds. */
  uncertaintyS: number;
  /** Workstation time of the midpoint, epoch ms. */
  at: number;
  roundTripMs: number;
}

export function clockOffset(sentAtMs: number, receivedAtMs: number, cameraTimeMs: number): ClockReading {
  if (!(receivedAtMs >= sentAtMs)) throw new RangeError('reply received before the request was sent');
  const roundTripMs = receivedAtMs - sentAtMs;
  const midpoint = sentAtMs + roundTripMs / 2;
  const offsetS = round3((cameraTimeMs - midpoint) / 1000);
  return { offsetS, uncertaintyS: round3(roundTripMs / 2000 + 1), at: Math.round(midpoint), roundTripMs };
}

/** Within the ±10 s of SI 2022/71 Sch. 1 para. 3? */
export function clockWithinTolerance(offsetS: number, maxDriftS: number = DEVICE_REQUIREMENTS.maxClockDriftSeconds): boolean {
  return Math.abs(offsetS) <= maxDriftS;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
