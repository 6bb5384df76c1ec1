/**
 * Whether a white-list entry's category exempts a vehicle from a restriction.
 * The traffic order decides, not the list (DOMAIN §8): a hackney carriage is
 * exempt only where the order permits taxis; a private hire vehicle never is
 * by a "taxi" permission; council and utility vehicles have no general
 * exemption; emergency fleets are listed for convenience under the order's
 * standard exemptions. A dispensation or permit recorded for its scope is
 * the council's own written permission. Pure.
 */
import { isVehicleClassPermitted, type VehicleClass } from '../domain/vehicle-classes.js';
import type { WhiteListCategory } from '../api/contract/anpr-routes.js';

export interface RestrictionContext {
  type: string;
  permitted: readonly string[];
}

const CLASS_OF: Partial<Record<WhiteListCategory, VehicleClass>> = {
  'bus-operator': 'local-bus',
  'hackney-carriage': 'taxi',
  'private-hire': 'private-hire',
  'emergency-service': 'emergency',
};

export const CATEGORY_LABEL: Record<WhiteListCategory, string> = {
  'bus-operator': 'bus operator',
  'hackney-carriage': 'hackney carriage (licensed taxi)',
  'private-hire': 'private hire vehicle',
  'emergency-service': 'emergency service',
  council: 'council vehicle',
  utility: 'utility company',
  dispensation: 'dispensation',
  'permit-holder': 'permit holder',
  other: 'other',
};

export function categoryExempts(category: WhiteListCategory, restriction: RestrictionContext | null): { exempts: boolean; why: string } {
  if (!restriction) return { exempts: true, why: 'no restriction given, so the traffic order’s permitted vehicles were not checked' };
  if (category === 'dispensation' || category === 'permit-holder') {
    return { exempts: true, why: `a ${CATEGORY_LABEL[category]} recorded for this scope` };
  }
  const cls = CLASS_OF[category];
  if (!cls) {
    const permittedOther = restriction.permitted.includes('other');
    return permittedOther
      ? { exempts: true, why: `the order here permits other vehicles` }
      : { exempts: false, why: `no general exemption for a ${CATEGORY_LABEL[category]}: the order here does not give one (record a dispensation if it does)` };
  }
  const r = isVehicleClassPermitted({ vehicleClass: cls, permitted: restriction.permitted as VehicleClass[], onEmergencyDuty: cls === 'emergency' });
  const why = cls === 'emergency' && r.permitted ? `${r.reason} (listed fleet; the test is the activity)` : r.reason;
  return { exempts: r.permitted, why };
}
