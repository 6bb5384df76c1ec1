import { DEVICE_REQUIREMENTS, type DeviceRequirements } from './approved-device-requirements.js';
import type { BankHolidayOptions } from './bank-holidays.js';
import { isIsoDate, ukLocalDate, type IsoDate } from './uk-time.js';
import { addWorkingDays } from './working-days.js';

/**
 * Whether a PCN may be issued, as a pure function of the facts the services
 * gather. Each failed precondition has a stable id (for the UI, audit and
 * reports) and a plain-English reason. An empty list means "may issue".
 *
 * Unknown facts fail closed: a PCN is a legal claim, and evidence that cannot
 * be shown to meet SI 2022/71 Schedule 1 must not support one.
 */
export type PreconditionId =
  | 'restriction-not-in-force'
  | 'vehicle-exempt'
  | 'exemption-not-checked'
  | 'blocking-defect'
  | 'device-not-certified'
  | 'device-certificate-not-valid'
  | 'clock-drift-unknown'
  | 'clock-drift-too-large'
  | 'clock-not-resynchronised'
  | 'frame-rate-unknown'
  | 'frame-rate-too-low'
  | 'footage-not-continuous'
  | 'service-deadline-missed'
  | 'duplicate-pcn'
  | 'warning-notice-due'
  | 'not-enforceable';

export interface FailedPrecondition {
  id: PreconditionId;
  reason: string;
}

export interface PcnFacts {
  eventUtcMs: number;
  restriction: { inForce: boolean; why?: string };
  /** null when the white list and exemptions have not been checked. */
  exemption: { exempt: boolean; reason?: string } | null;
  /** Open defects that block enforcement at this camera/site (sign, line, camera). */
  blockingDefects: readonly { id: string; description: string }[];
  /** The camera's approval certificate; null when none is recorded. */
  deviceCertificate: { number: string; validFrom: IsoDate; validTo: IsoDate | null } | null;
  /** Camera clock offset from the national time source at the event, seconds; null if unknown. */
  clockDriftSeconds: number | null;
  /** When the camera clock was last synchronised before the event (UTC ms); omit if not tracked. */
  lastClockSyncUtcMs?: number | null;
  /** Frame rate of the recording at the event; null if unknown. */
  frameRateFps: number | null;
  /** Whether the footage covering the event is continuous (no gap). */
  footageContinuous: boolean;
  /** Last day the PCN may be served (from pcnDates). */
  serviceBy: IsoDate;
  /** The UK date the PCN would be posted (today). */
  today: IsoDate;
  duplicatePcnExists: boolean;
  warningNotice: { decision: 'warning' | 'pcn' | 'not-enforceable'; reason: string };
}

export function pcnPreconditionFailures(
  facts: PcnFacts,
  options: { device?: DeviceRequirements; holidays?: BankHolidayOptions } = {},
): FailedPrecondition[] {
  const req = options.device ?? DEVICE_REQUIREMENTS;
  const out: FailedPrecondition[] = [];
  const fail = (id: PreconditionId, reason: string) => out.push({ id, reason });
  const eventDate = ukLocalDate(facts.eventUtcMs);

  if (!facts.restriction.inForce) {
    fail('restriction-not-in-force', `the restriction was not in force at the time${facts.restriction.why ? `: ${facts.restriction.why}` : ''}`);
  }
  if (facts.exemption === null) fail('exemption-not-checked', 'the vehicle has not been checked against the white list and exemptions');
  else if (facts.exemption.exempt) fail('vehicle-exempt', `the vehicle is exempt${facts.exemption.reason ? `: ${facts.exemption.reason}` : ''}`);
  for (const d of facts.blockingDefects) fail('blocking-defect', `open defect ${d.id} blocks enforcement: ${d.description}`);

  const cert = facts.deviceCertificate;
  if (!cert) fail('device-not-certified', 'no approved-device certificate is recorded for this camera (SI 2022/71 Sch. 1)');
  else if (!isIsoDate(cert.validFrom) || (cert.validTo !== null && !isIsoDate(cert.validTo))) {
    fail('device-certificate-not-valid', `certificate ${cert.number} has unreadable validity dates`);
  } else if (eventDate < cert.validFrom || (cert.validTo !== null && eventDate > cert.validTo)) {
    fail('device-certificate-not-valid', `certificate ${cert.number} is valid ${cert.validFrom} to ${cert.validTo ?? 'open'}, not on ${eventDate}`);
  }

  if (facts.clockDriftSeconds === null || !Number.isFinite(facts.clockDriftSeconds)) {
    fail('clock-drift-unknown', `the camera clock's accuracy at the event is not known (must be within ±${req.maxClockDriftSeconds} s)`);
  } else if (Math.abs(facts.clockDriftSeconds) > req.maxClockDriftSeconds) {
    fail('clock-drift-too-large', `the camera clock was ${facts.clockDriftSeconds} s out; Schedule 1 allows ±${req.maxClockDriftSeconds} s`);
  }
  if (facts.lastClockSyncUtcMs !== undefined) {
    const limitMs = req.maxDaysBetweenClockSyncs * 86_400_000;
    if (facts.lastClockSyncUtcMs === null || facts.eventUtcMs - facts.lastClockSyncUtcMs > limitMs) {
      fail('clock-not-resynchronised', `the camera clock was not synchronised in the ${req.maxDaysBetweenClockSyncs} days before the event`);
    }
  }

  if (facts.frameRateFps === null || !Number.isFinite(facts.frameRateFps)) {
    fail('frame-rate-unknown', `the recording's frame rate at the event is not known (must be at least ${req.minFramesPerSecond} frames a second)`);
  } else if (facts.frameRateFps < req.minFramesPerSecond) {
    fail('frame-rate-too-low', `the recording ran at ${facts.frameRateFps} frames a second; Schedule 1 needs at least ${req.minFramesPerSecond}`);
  }
  if (!facts.footageContinuous) fail('footage-not-continuous', 'the footage of the event has a gap, so the record is not complete');

  const deemed = addWorkingDays(facts.today, 2, { region: 'england-and-wales', ...options.holidays });
  if (deemed > facts.serviceBy) {
    fail('service-deadline-missed', `posted on ${facts.today} it would be served on ${deemed}, after the last day for service (${facts.serviceBy})`);
  }
  if (facts.duplicatePcnExists) fail('duplicate-pcn', 'a PCN already exists for this vehicle and contravention');
  if (facts.warningNotice.decision === 'warning') fail('warning-notice-due', `a warning notice is due instead: ${facts.warningNotice.reason}`);
  if (facts.warningNotice.decision === 'not-enforceable') fail('not-enforceable', facts.warningNotice.reason);
  return out;
}
