/**
 * The measurable conditions an approved device's record must meet for its
 * evidence to count (SI 2022/71 Schedule 1; DOMAIN §6). Kept as data so a
 * change of the Schedule, or a stricter council policy, is a one-line edit.
 */
export interface DeviceRequirements {
  /** Recording shows at least this many frames a second (Sch. 1 para. 2). */
  minFramesPerSecond: number;
  /** Clock accurate to within ± this many seconds of the national time source (Sch. 1 para. 3). */
  maxClockDriftSeconds: number;
  /** Clock re-synchronised at least once in each period of this many days (Sch. 1 para. 3). */
  maxDaysBetweenClockSyncs: number;
  source: string;
}

export const DEVICE_REQUIREMENTS: DeviceRequirements = {
  minFramesPerSecond: 5,
  maxClockDriftSeconds: 10,
  maxDaysBetweenClockSyncs: 14,
  source: 'SI 2022/71 Sch. 1 (approved devices): ≥ 5 frames/s; clock within ±10 s over 14 days, re-synchronised at least every 14 days',
};
