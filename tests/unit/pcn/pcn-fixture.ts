import { deflateSync } from 'node:zlib';
import { Store } from '../../../main/store/store.js';
import { AuditLog } from '../../../main/audit/audit-log.js';
import { createPcnService } from '../../../main/pcn/pcn-feature.js';
import type { PcnFactSources, PcnEvent, HealthState } from '../../../main/pcn/fact-sources.js';
import type { RestrictionRow } from '../../../main/store/restrictions-store.js';
import { tempDir } from '../../support/temp-dir.js';

/** A tiny valid PNG (solid colour), so notices embed a real picture without fixtures on disk. */
export function solidPng(w: number, h: number, rgb: [number, number, number]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const EVENT_AT = Date.parse('2025-03-04T08:15:30Z'); // a Tuesday, 08:15 GMT
export const TODAY = Date.parse('2025-03-06T10:00:00Z');

/** Facts that pass every precondition; a test breaks one at a time. */
export interface World {
  events: Map<number, PcnEvent>;
  restriction: RestrictionRow;
  exemption: { exempt: boolean; reason?: string } | null;
  defects: { id: string; description: string }[] | null;
  certificate: { number: string; validFrom: number; validTo: number | null } | null;
  health: HealthState | null;
  continuity: { continuous: boolean; why: string } | null;
}

export function goodWorld(): World {
  return {
    events: new Map([[1, event(1, 'AB12CDE')], [2, event(2, 'XY34ZZZ')], [3, event(3, 'CD56EFG')]]),
    restriction: {
      id: 7, cameraId: 3, type: 'bus-lane', schedule: 'Mon-Fri 7-10am, 4-7pm', permitted: ['bus', 'taxi'], trafficOrderRef: 'TRO 2024/12', signsInOrder: true,
      signsNote: '', enforcementStart: '2024-01-01', area: 'england', createdBy: 't', createdAt: 0, updatedBy: 't', updatedAt: 0,
    },
    exemption: { exempt: false },
    defects: [],
    certificate: { number: 'VCA/ABD/123', validFrom: Date.parse('2024-01-01T00:00:00Z'), validTo: Date.parse('2026-01-01T00:00:00Z') },
    health: { clockOffsetS: 1.5, frameRateFps: 25 },
    continuity: { continuous: true, why: 'covered' },
  };
}

export function event(id: number, vrm: string, at = EVENT_AT): PcnEvent {
  return { id, cameraId: 3, restrictionId: 7, restrictionType: 'bus-lane', vrm, firstSeenAt: at, lastSeenAt: at + 2000, clipStart: at - 5000, clipEnd: at + 5000, status: 'decided' };
}

export function sourcesOf(w: World): PcnFactSources {
  return {
    event: (id) => w.events.get(id) ?? null,
    restriction: (id) => (id === w.restriction.id ? w.restriction : null),
    camera: () => ({ name: 'Cam 3 High St', place: 'High Street bus lane, Demo Town', siteCode: 'HS1' }),
    exemption: () => w.exemption,
    blockingDefects: () => w.defects,
    certificateAt: () => w.certificate,
    healthAt: () => w.health,
    continuity: () => w.continuity,
    stills: async () => [
      { label: 'The vehicle', type: 'png', bytes: solidPng(64, 40, [200, 30, 30]) },
      { label: 'Registration plate', type: 'png', bytes: solidPng(60, 14, [250, 210, 0]) },
    ],
    siteCameraIds: (id) => [id],
  };
}

export function pcnHarness(world = goodWorld(), now = TODAY) {
  const tmp = tempDir('cctv-pcn-');
  const store = Store.open(tmp.dir);
  const clock = { now };
  const service = createPcnService({ store, audit: new AuditLog(store.audit), dataDir: tmp.dir }, { sources: sourcesOf(world), now: () => clock.now });
  const officer = { id: null, name: 'officer1' };
  return {
    dir: tmp.dir, store, service, world, clock, officer,
    close() {
      store.close();
      tmp.cleanup();
    },
  };
}
