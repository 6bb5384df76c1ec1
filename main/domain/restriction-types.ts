import type { VehicleClass } from './vehicle-classes.js';

/**
 * The kinds of restriction a camera enforces, with what each typically
 * permits and whether the six-month warning-notice period applies (DOMAIN §5,
 * DfT statutory guidance on bus lane and moving traffic enforcement, 2022).
 * The traffic order for a site is the authority: `defaultPermitted` is a
 * starting point the site's own order overrides.
 */
export type EnforcementKind = 'bus-lane' | 'moving-traffic' | 'parking';

export type RestrictionType =
  | 'bus-lane'
  | 'bus-gate'
  | 'box-junction'
  | 'banned-turn'
  | 'no-entry'
  | 'pedestrian-zone'
  | 'school-street'
  | 'one-way'
  | 'cycle-lane'
  | 'priority-give-way'
  | 'keep-left-right'
  | 'ahead-only'
  | 'vehicle-ban'
  | 'cctv-parking'
  | 'bus-stop'
  | 'school-keep-clear'
  | 'red-route'
  | 'clearway'
  | 'cycle-track';

export interface RestrictionTypeInfo {
  id: RestrictionType;
  label: string;
  kind: EnforcementKind;
  /** Whether a new site's first six months give first offenders a warning (DOMAIN §5). */
  warningPeriod: boolean;
  /** What such an order usually permits; the site's order decides. */
  defaultPermitted: readonly VehicleClass[];
}

export const RESTRICTION_TYPES: Record<RestrictionType, RestrictionTypeInfo> = {
  // Bus lanes never get warnings: DOMAIN §5 limits them to moving traffic.
  'bus-lane': { id: 'bus-lane', label: 'bus lane', kind: 'bus-lane', warningPeriod: false, defaultPermitted: ['bus', 'local-bus', 'taxi', 'pedal-cycle'] },
  // VERIFY: bus gates outside London were enforced under bus lane powers
  // before 2022 and councils differ on whether new bus gates get the warning
  // period; treated here as bus lane enforcement (no warnings). Override per site.
  'bus-gate': { id: 'bus-gate', label: 'bus gate', kind: 'bus-lane', warningPeriod: false, defaultPermitted: ['bus', 'local-bus', 'taxi', 'pedal-cycle'] },
  'box-junction': { id: 'box-junction', label: 'box junction', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: [] },
  'banned-turn': { id: 'banned-turn', label: 'banned turn', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: [] },
  'no-entry': { id: 'no-entry', label: 'no entry', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: ['pedal-cycle'] },
  'pedestrian-zone': { id: 'pedestrian-zone', label: 'pedestrian zone', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: ['pedestrian'] },
  'school-street': { id: 'school-street', label: 'school street', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: ['pedal-cycle', 'pedestrian'] },
  'one-way': { id: 'one-way', label: 'one-way street', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: [] },
  'cycle-lane': { id: 'cycle-lane', label: 'mandatory cycle lane', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: ['pedal-cycle'] },
  'priority-give-way': { id: 'priority-give-way', label: 'priority give-way', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: [] },
  'keep-left-right': { id: 'keep-left-right', label: 'keep left/right', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: [] },
  'ahead-only': { id: 'ahead-only', label: 'ahead only', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: [] },
  'vehicle-ban': { id: 'vehicle-ban', label: 'weight or vehicle-type ban', kind: 'moving-traffic', warningPeriod: true, defaultPermitted: [] },
  'cctv-parking': { id: 'cctv-parking', label: 'CCTV parking (waiting/loading restriction)', kind: 'parking', warningPeriod: false, defaultPermitted: [] },
  'bus-stop': { id: 'bus-stop', label: 'bus stop or stand', kind: 'parking', warningPeriod: false, defaultPermitted: ['bus', 'local-bus'] },
  'school-keep-clear': { id: 'school-keep-clear', label: 'school keep-clear markings', kind: 'parking', warningPeriod: false, defaultPermitted: [] },
  'red-route': { id: 'red-route', label: 'red route', kind: 'parking', warningPeriod: false, defaultPermitted: [] },
  clearway: { id: 'clearway', label: 'clearway', kind: 'parking', warningPeriod: false, defaultPermitted: [] },
  'cycle-track': { id: 'cycle-track', label: 'cycle track', kind: 'parking', warningPeriod: false, defaultPermitted: ['pedal-cycle'] },
};

export function restrictionTypeInfo(id: RestrictionType, table: Record<RestrictionType, RestrictionTypeInfo> = RESTRICTION_TYPES): RestrictionTypeInfo {
  return table[id];
}

export function isRestrictionType(text: string): text is RestrictionType {
  return Object.prototype.hasOwnProperty.call(RESTRICTION_TYPES, text);
}
