import { describe, expect, it } from 'vitest';
import { RESTRICTION_TYPES } from '../../../main/domain/restriction-types.js';
import { isVehicleClassPermitted, type VehicleClass } from '../../../main/domain/vehicle-classes.js';

const BUS_CYCLE_TAXI: VehicleClass[] = ['bus', 'pedal-cycle', 'taxi'];

describe('isVehicleClassPermitted (DOMAIN §8)', () => {
  it.each<[VehicleClass, VehicleClass[], boolean | undefined, boolean | undefined, boolean, RegExp]>([
    ['taxi', BUS_CYCLE_TAXI, undefined, undefined, true, /permits/],
    ['private-hire', BUS_CYCLE_TAXI, undefined, undefined, false, /private hire vehicle is not a taxi/],
    ['bus', BUS_CYCLE_TAXI, undefined, undefined, true, /permits/],
    ['local-bus', ['bus'], undefined, undefined, true, /local bus.*is a bus/],
    ['bus', ['local-bus'], undefined, undefined, false, /only/],
    ['pedal-cycle', BUS_CYCLE_TAXI, undefined, undefined, true, /permits/],
    ['motorcycle', BUS_CYCLE_TAXI, undefined, undefined, false, /only/],
    ['motorcycle', ['bus', 'motorcycle'], undefined, undefined, true, /permits/],
    ['car', BUS_CYCLE_TAXI, undefined, undefined, false, /only/],
    ['goods', [], undefined, undefined, false, /no vehicles/],
    ['emergency', [], true, undefined, true, /emergency duties/],
    ['emergency', [], false, undefined, false, /only while on emergency duties/],
    ['emergency', [], true, false, false, /only/],
  ])('%s with %j (duty %s, std exemptions %s) → %s', (vehicleClass, permitted, onEmergencyDuty, orderHasStandardExemptions, expected, reason) => {
    const r = isVehicleClassPermitted({
      vehicleClass,
      permitted,
      ...(onEmergencyDuty === undefined ? {} : { onEmergencyDuty }),
      ...(orderHasStandardExemptions === undefined ? {} : { orderHasStandardExemptions }),
    });
    expect(r.permitted).toBe(expected);
    expect(r.reason).toMatch(reason);
  });
});

describe('restriction types', () => {
  it.each([
    ['bus-lane', false],
    ['box-junction', true],
    ['banned-turn', true],
    ['no-entry', true],
    ['school-street', true],
    ['cctv-parking', false],
  ] as const)('%s has a warning period: %s', (type, warning) => {
    expect(RESTRICTION_TYPES[type].warningPeriod).toBe(warning);
  });

  it('no default permits a private hire vehicle', () => {
    for (const t of Object.values(RESTRICTION_TYPES)) expect(t.defaultPermitted).not.toContain('private-hire');
  });
});
