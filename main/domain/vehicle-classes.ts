/**
 * Classes of vehicle a traffic order may permit through a restriction
 * (DOMAIN §8). The words matter in law: "taxi" on a sign means a licensed
 * hackney carriage (Transport Act 1985 s.13 / Traffic Signs Regulations and
 * General Directions 2016 Sch. 1 definitions), so a private hire vehicle is
 * NOT a taxi and is not permitted by a "buses and taxis" sign.
 */
export type VehicleClass =
  | 'bus'
  | 'local-bus'
  | 'tram'
  | 'taxi'
  | 'private-hire'
  | 'pedal-cycle'
  | 'motorcycle'
  | 'emergency'
  | 'goods'
  | 'car'
  | 'pedestrian'
  | 'other';

export interface VehicleClassInfo {
  id: VehicleClass;
  label: string;
  /**
   * Other classes this one *is* in law, so that an order permitting the
   * broader class permits it too: a local bus is a bus. Nothing is a taxi
   * but a hackney carriage.
   */
  isAlso: readonly VehicleClass[];
}

export const VEHICLE_CLASSES: Record<VehicleClass, VehicleClassInfo> = {
  bus: { id: 'bus', label: 'bus (any bus the order names, often by seats)', isAlso: [] },
  'local-bus': { id: 'local-bus', label: 'local bus (registered local service)', isAlso: ['bus'] },
  tram: { id: 'tram', label: 'tram', isAlso: [] },
  taxi: { id: 'taxi', label: 'taxi (licensed hackney carriage)', isAlso: [] },
  'private-hire': { id: 'private-hire', label: 'private hire vehicle (not a taxi)', isAlso: [] },
  'pedal-cycle': { id: 'pedal-cycle', label: 'pedal cycle', isAlso: [] },
  motorcycle: { id: 'motorcycle', label: 'solo motorcycle', isAlso: [] },
  emergency: { id: 'emergency', label: 'emergency service vehicle', isAlso: [] },
  goods: { id: 'goods', label: 'goods vehicle', isAlso: [] },
  car: { id: 'car', label: 'car or other motor vehicle', isAlso: [] },
  pedestrian: { id: 'pedestrian', label: 'pedestrian', isAlso: [] },
  other: { id: 'other', label: 'other vehicle', isAlso: [] },
};

export interface PermissionQuery {
  vehicleClass: VehicleClass;
  /** Classes the traffic order (or sign) permits. */
  permitted: readonly VehicleClass[];
  /**
   * Whether the vehicle was on emergency duties: the standard exemptions
   * wording of traffic orders exempts fire, police and ambulance vehicles
   * used for those purposes — the test is the activity, not the fleet.
   */
  onEmergencyDuty?: boolean;
  /** False where the order lacks the standard emergency exemption. */
  orderHasStandardExemptions?: boolean;
}

export interface PermissionResult {
  permitted: boolean;
  reason: string;
}

export function isVehicleClassPermitted(q: PermissionQuery): PermissionResult {
  const info = VEHICLE_CLASSES[q.vehicleClass];
  if (q.permitted.includes(q.vehicleClass)) return { permitted: true, reason: `the order permits ${info.label}` };
  const via = info.isAlso.find((c) => q.permitted.includes(c));
  if (via) return { permitted: true, reason: `a ${info.label} is a ${VEHICLE_CLASSES[via].label}, which the order permits` };
  if (q.vehicleClass === 'emergency' && q.onEmergencyDuty && q.orderHasStandardExemptions !== false) {
    return { permitted: true, reason: 'emergency service vehicle on emergency duties: exempt under the order\'s standard exemptions' };
  }
  if (q.vehicleClass === 'private-hire' && q.permitted.includes('taxi')) {
    return { permitted: false, reason: 'a private hire vehicle is not a taxi: "taxi" means a licensed hackney carriage only' };
  }
  if (q.vehicleClass === 'emergency' && !q.onEmergencyDuty) {
    return { permitted: false, reason: 'an emergency service vehicle is exempt only while on emergency duties' };
  }
  const list = q.permitted.length ? q.permitted.map((c) => VEHICLE_CLASSES[c].label).join(', ') : 'no vehicles';
  return { permitted: false, reason: `the order permits only ${list}; ${info.label} is not among them` };
}
