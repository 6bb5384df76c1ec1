import type { EnforcementArea } from './areas.js';
import { RESTRICTION_TYPES, type RestrictionType, type RestrictionTypeInfo } from './restriction-types.js';
import { lastDayOfMonthsBeginningWith, ukLocalDate, type IsoDate } from './uk-time.js';

/**
 * Warning notices at new camera sites (DOMAIN §5; DfT statutory guidance on
 * bus lane and moving traffic enforcement, 2022; councils' published
 * policies, e.g. Kent). For moving traffic in England, each new camera
 * enforcement location has a six-month warning period: a vehicle's first
 * contravention there in that time gets a warning notice instead of a PCN; a
 * repeat may get a PCN; after six months there are no warnings. Bus lanes
 * never get warnings.
 */
export interface WarningPolicy {
  /** Whether the area has a warning period at all. */
  applies: boolean;
  months: number;
  /** 'site': first contravention at this site; 'council': first anywhere in the council's area. */
  scope: 'site' | 'council';
  source: string;
  verify?: string;
}

export const WARNING_POLICY: Record<EnforcementArea, WarningPolicy> = {
  england: {
    applies: true, months: 6, scope: 'site',
    source: 'DfT statutory guidance on bus lane and moving traffic enforcement (2022), warning notices for the first six months at a new location',
  },
  // VERIFY: London has no statutory warning period; some boroughs issue first-time warnings by policy.
  london: { applies: false, months: 0, scope: 'site', source: 'No statutory warning period in London', verify: 'borough policy' },
  // VERIFY: the Welsh guidance for moving traffic enforcement; mirrored from England until checked.
  wales: { applies: true, months: 6, scope: 'site', source: 'Welsh Government guidance (mirrors England)', verify: 'Welsh guidance' },
};

export interface WarningInput {
  restrictionType: RestrictionType;
  area?: EnforcementArea;
  /** UK date camera enforcement began at the site. */
  siteEnforcementStart: IsoDate;
  eventUtcMs: number;
  /**
   * Earlier contraventions by this VRM within the policy's scope (this site,
   * by default): their UTC times. Outcomes do not matter — a warning is
   * given once.
   */
  priorContraventionsUtcMs: readonly number[];
}

export interface WarningDecision {
  decision: 'warning' | 'pcn' | 'not-enforceable';
  reason: string;
  /** Last UK date of the warning period, when there is one. */
  warningPeriodEnds: IsoDate | null;
}

export function decideWarningNotice(
  input: WarningInput,
  options: { policy?: Record<EnforcementArea, WarningPolicy>; restrictionTypes?: Record<RestrictionType, RestrictionTypeInfo> } = {},
): WarningDecision {
  const area = input.area ?? 'england';
  const policy = (options.policy ?? WARNING_POLICY)[area];
  const type = (options.restrictionTypes ?? RESTRICTION_TYPES)[input.restrictionType];
  const eventDate = ukLocalDate(input.eventUtcMs);
  if (eventDate < input.siteEnforcementStart) {
    return { decision: 'not-enforceable', reason: `the event (${eventDate}) is before camera enforcement began at this site (${input.siteEnforcementStart})`, warningPeriodEnds: null };
  }
  if (!type.warningPeriod) {
    return { decision: 'pcn', reason: `${type.label} contraventions get no warning period`, warningPeriodEnds: null };
  }
  if (!policy.applies || policy.months <= 0) {
    return { decision: 'pcn', reason: `no warning period applies in ${area}`, warningPeriodEnds: null };
  }
  const ends = lastDayOfMonthsBeginningWith(input.siteEnforcementStart, policy.months);
  if (eventDate > ends) {
    return { decision: 'pcn', reason: `the ${policy.months}-month warning period at this site ended on ${ends}`, warningPeriodEnds: ends };
  }
  const startMs = Date.parse(`${input.siteEnforcementStart}T00:00:00Z`) - 2 * 3600_000; // UK midnight is at most 1 h before UTC midnight
  const earlier = input.priorContraventionsUtcMs.filter(
    (t) => t < input.eventUtcMs && t >= startMs && ukLocalDate(t) >= input.siteEnforcementStart,
  );
  if (earlier.length === 0) {
    return {
      decision: 'warning',
      reason: `first contravention by this vehicle at this ${policy.scope} within the warning period (until ${ends}): send a warning notice, not a PCN`,
      warningPeriodEnds: ends,
    };
  }
  return {
    decision: 'pcn',
    reason: `a repeat within the warning period (${earlier.length} earlier at this ${policy.scope} since ${input.siteEnforcementStart}): a PCN may be issued`,
    warningPeriodEnds: ends,
  };
}
