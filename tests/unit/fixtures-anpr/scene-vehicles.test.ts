import { describe, expect, it } from 'vitest';
import type { SceneManifest } from '../../../fixtures/footage/footage-types.js';
import { vehiclesFromScene } from '../../../fixtures/anpr/scene-vehicles.js';

type SceneVehicle = SceneManifest['vehicles'][number];

const vehicle = (over: Partial<SceneVehicle>): SceneVehicle => ({
  vrm: 'AB12 CDE',
  vrmKey: 'AB12CDE',
  vehicleClass: 'car',
  lane: 'bus',
  exemption: null,
  plateSide: 'rear',
  size: { w: 100, h: 60 },
  path: [],
  plateOffset: { x: 0, y: 0, w: 20, h: 5 },
  visibleFromS: 0,
  visibleToS: 10,
  zoneVisits: [],
  expectedContravention: null,
  plateSamples: [],
  ...over,
});

describe('feed vehicles from a scene manifest', () => {
  it('reads each plate where it is largest in frame, and skips plates never wholly in frame', () => {
    const vehicles = vehiclesFromScene({
      durationS: 10,
      vehicles: [
        vehicle({
          plateSamples: [
            { t: 1, bbox: { x: 0, y: 0, w: 20, h: 5 }, inFrame: true },
            { t: 2, bbox: { x: 0, y: 0, w: 40, h: 10 }, inFrame: true },
            { t: 3, bbox: { x: 0, y: 0, w: 60, h: 15 }, inFrame: false },
          ],
        }),
        vehicle({ vrm: 'BUS 1', vehicleClass: 'bus', exemption: 'local-bus', plateSide: 'front', plateSamples: [{ t: 4.5, bbox: { x: 0, y: 0, w: 10, h: 3 }, inFrame: true }] }),
        vehicle({ vrm: 'HIDDEN', plateSamples: [{ t: 5, bbox: { x: 0, y: 0, w: 10, h: 3 }, inFrame: false }] }),
      ],
    });
    expect(vehicles).toEqual([
      { vrm: 'AB12 CDE', class: 'car', passTimeS: 2, exempt: false, direction: 'departing' },
      { vrm: 'BUS 1', class: 'bus', passTimeS: 4.5, exempt: true, direction: 'approaching' },
    ]);
  });
});
