import type { EnforcementArea } from '../domain/areas.js';
import { checkContraventionCode, isCameraEnforceable, type ContraventionCode } from '../domain/contravention-codes.js';
import { findCharge, type Charge, type ChargeRow } from '../domain/charges.js';
import { pcnDates, PcnDatesError, type PcnDates } from '../domain/pcn-dates.js';
import { pcnPreconditionFailures, type FailedPrecondition, type PcnFacts } from '../domain/pcn-preconditions.js';
import { isRestrictionType, RESTRICTION_TYPES, type RestrictionType } from '../domain/restriction-types.js';
import { isInForce } from '../domain/schedule-in-force.js';
import { isIsoDate, ukLocalDate } from '../domain/uk-time.js';
import { decideWarningNotice, type WarningDecision } from '../domain/warning-notice.js';
import type { PcnFactSources, PcnEvent, CameraFacts } from './fact-sources.js';
import type { RestrictionRow } from '../store/restrictions-store.js';

export interface DecisionInput {
  eventId: number;
  /** As the officer chose it: "34J", "31", "50" with suffix "r". */
  code: string;
  suffix?: string | undefined;
}

export interface Assessment {
  event: PcnEvent | null;
  restriction: RestrictionRow | null;
  camera: CameraFacts | null;
  code: { display: string; entry: ContraventionCode } | null;
  area: EnforcementArea | null;
  restrictionType: RestrictionType | null;
  dates: PcnDates | null;
  charge: Charge | null;
  warning: WarningDecision | null;
  facts: PcnFacts | null;
  /** Every precondition that fails, the warning-notice one excepted (a warning is an outcome, not a refusal). */
  failures: FailedPrecondition[];
  outcome: 'pcn' | 'warning' | 'refused';
}

/**
 * Gathers every fact a PCN depends on and runs the domain's preconditions.
 * Facts that cannot be gathered become failures that name themselves, so
 * nothing unknown passes. Pure apart from the sources' reads.
 */
export function assessDecision(
  input: DecisionInput,
  sources: PcnFactSources,
  ctx: { now: number; charges: readonly ChargeRow[]; duplicateExists: (vrm: string, cameraId: number, date: string) => boolean; prior: (vrm: string, cameraIds: number[], beforeMs: number) => number[] },
): Assessment {
  const failures: FailedPrecondition[] = [];
  const a: Assessment = { event: null, restriction: null, camera: null, code: null, area: null, restrictionType: null, dates: null, charge: null, warning: null, facts: null, failures, outcome: 'refused' };
  const event = sources.event(input.eventId);
  if (!event) {
    failures.push({ id: 'not-enforceable', reason: `event ${input.eventId} does not exist` });
    return a;
  }
  a.event = event;
  const at = event.firstSeenAt;
  a.camera = sources.camera(event.cameraId);
  const restriction = event.restrictionId === null ? null : sources.restriction(event.restrictionId);
  a.restriction = restriction;
  if (!restriction) {
    failures.push({ id: 'restriction-not-in-force', reason: 'no restriction is recorded for this event, so it cannot be shown to have been in force' });
    return a;
  }
  a.area = restriction.area;
  if (!isRestrictionType(restriction.type)) {
    failures.push({ id: 'not-enforceable', reason: `restriction ${restriction.id} has an unknown type "${restriction.type}"` });
    return a;
  }
  const type = restriction.type;
  a.restrictionType = type;

  const written = `${input.code}${input.suffix ?? ''}`;
  const checked = checkContraventionCode(written);
  if (!checked.ok) {
    failures.push({ id: 'not-enforceable', reason: `code ${written}: ${checked.problems.join('; ')}` });
    return a;
  }
  a.code = { display: checked.display, entry: checked.entry };
  if (!isCameraEnforceable(restriction.area, type, checked.parsed.code)) {
    failures.push({ id: 'not-enforceable', reason: `code ${checked.display} cannot be enforced by camera at a ${RESTRICTION_TYPES[type].label} in ${restriction.area}` });
  }

  let inForce: { inForce: boolean; why?: string };
  try {
    inForce = isInForce(restriction.schedule, at);
  } catch (e) {
    inForce = { inForce: false, why: `the schedule "${restriction.schedule}" cannot be read (${(e as Error).message})` };
  }

  let dates: PcnDates;
  try {
    dates = pcnDates({ code: checked.display, area: restriction.area, contraventionUtcMs: at });
  } catch (e) {
    if (!(e instanceof PcnDatesError)) throw e;
    failures.push({ id: 'service-deadline-missed', reason: `the statutory dates cannot be worked out: ${e.message}` });
    return a;
  }
  a.dates = dates;
  const charge = findCharge({ area: restriction.area, kind: checked.entry.kind, level: checked.entry.level, onDate: dates.contraventionDate, service: 'post' }, ctx.charges);
  a.charge = charge;
  if (!charge) failures.push({ id: 'not-enforceable', reason: `no charge is set for ${checked.entry.kind} in ${restriction.area} on ${dates.contraventionDate}` });

  const defects = sources.blockingDefects(event.cameraId, at);
  const blocking = defects === null ? [{ id: 'unknown', description: 'the defect register cannot be read, so the camera and signs cannot be shown to be free of blocking defects' }] : [...defects];
  // The signs and lines are part of the restriction's record: signs not as the order requires block enforcement.
  if (!restriction.signsInOrder) blocking.push({ id: `restriction-${restriction.id}-signs`, description: `the signs and lines are recorded as not in order${restriction.signsNote ? ` (${restriction.signsNote})` : ''}` });

  const cert = sources.certificateAt(event.cameraId, at);
  const health = sources.healthAt(event.cameraId, at);
  const continuity = sources.continuity(event.cameraId, event.clipStart, event.clipEnd);
  const exemption = sources.exemption({ vrm: event.vrm, cameraId: event.cameraId, restrictionType: type, atMs: at });

  let warning: WarningDecision;
  if (!restriction.enforcementStart || !isIsoDate(restriction.enforcementStart)) {
    warning = { decision: 'not-enforceable', reason: 'the date camera enforcement began at this site is not recorded, so the warning-notice period cannot be decided', warningPeriodEnds: null };
  } else {
    warning = decideWarningNotice({
      restrictionType: type,
      area: restriction.area,
      siteEnforcementStart: restriction.enforcementStart,
      eventUtcMs: at,
      priorContraventionsUtcMs: ctx.prior(event.vrm, sources.siteCameraIds(event.cameraId), at),
    });
  }
  a.warning = warning;

  const facts: PcnFacts = {
    eventUtcMs: at,
    restriction: { inForce: inForce.inForce, ...(inForce.why ? { why: inForce.why } : {}) },
    exemption,
    blockingDefects: blocking,
    deviceCertificate: cert ? { number: cert.number, validFrom: ukLocalDate(cert.validFrom), validTo: cert.validTo === null ? null : ukLocalDate(cert.validTo) } : null,
    clockDriftSeconds: health?.clockOffsetS ?? null,
    ...(health && health.lastClockSyncAt !== undefined ? { lastClockSyncUtcMs: health.lastClockSyncAt } : {}),
    frameRateFps: health?.frameRateFps ?? null,
    footageContinuous: continuity?.continuous ?? false,
    serviceBy: dates.serviceBy,
    today: ukLocalDate(ctx.now),
    duplicatePcnExists: warning.decision !== 'warning' && ctx.duplicateExists(event.vrm, event.cameraId, dates.contraventionDate),
    warningNotice: { decision: warning.decision, reason: warning.reason },
  };
  a.facts = facts;
  for (const f of pcnPreconditionFailures(facts)) {
    if (f.id === 'warning-notice-due') continue;
    if (f.id === 'footage-not-continuous' && continuity) failures.push({ id: f.id, reason: `${f.reason}: ${continuity.why}` });
    else if (f.id === 'footage-not-continuous') failures.push({ id: f.id, reason: `${f.reason}: the footage index cannot be read` });
    else failures.push(f);
  }
  a.outcome = failures.length ? 'refused' : warning.decision === 'warning' ? 'warning' : 'pcn';
  return a;
}
