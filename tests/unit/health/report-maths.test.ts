import { describe, expect, it } from 'vitest';
import { computeDefectReport } from '../../../main/health/report-maths.js';
import type { Defect } from '../../../main/health/health-types.js';

const H = 3_600_000;
const defect = (over: Partial<Defect>): Defect => ({
  id: 1, scope: 'camera', cameraId: 1, siteCode: null, location: null, category: 'offline', title: 'Cam 1: offline', description: '',
  origin: 'auto', fault: 'offline', blocking: false, supplier: null, supplierRef: null, reportedAt: 0, acknowledgedAt: null,
  resolvedAt: null, outageStart: null, outageEnd: null, createdBy: 'x', createdAt: 0, updatedAt: 0, ...over,
});

describe('defect report maths (hand-computed case)', () => {
  // Period: 0 h .. 24 h.
  // Camera 1: ok from 0; down 2 h..3 h; ok; down 10 h..10.5 h; ok.
  //   down = 1.5 h → availability = 100 × 22.5 / 24 = 93.75 %; outages 2, 90 min.
  //   defect A (offline) outage 2 h..3 h, reported 2.1 h, resolved 3 h → repair 1 h.
  //   defect B (offline) outage 10 h..10.5 h, resolved 10.5 h → repair 0.5 h. MTTR = 0.75 h.
  //   defect C blocking clock-drift reported 20 h, still open → age at 24 h = 4 h; blocked 20..24 h.
  //   enforcement lost = down 1.5 h ∪ blocked 4 h = 5.5 h.
  // Camera 2: unknown until 12 h, then ok: measured 12 h, availability 100 %, nothing lost.
  const r = computeDefectReport({
    from: 0,
    to: 24 * H,
    cameras: [
      {
        cameraId: 1, name: 'Cam 1', eventsHeld: 3,
        changes: [{ at: 0, status: 'ok' }, { at: 2 * H, status: 'down' }, { at: 3 * H, status: 'ok' }, { at: 10 * H, status: 'down' }, { at: 10.5 * H, status: 'ok' }],
        defects: [
          defect({ id: 1, outageStart: 2 * H, reportedAt: 2.1 * H, resolvedAt: 3 * H, outageEnd: 3 * H }),
          defect({ id: 2, outageStart: 10 * H, reportedAt: 10.2 * H, resolvedAt: 10.5 * H, outageEnd: 10.5 * H }),
          defect({ id: 3, fault: 'clock-drift', blocking: true, title: 'Cam 1: clock drift', outageStart: 19.9 * H, reportedAt: 20 * H }),
        ],
      },
      { cameraId: 2, name: 'Cam 2', eventsHeld: 0, changes: [{ at: 12 * H, status: 'ok' }], defects: [] },
    ],
  });

  it('gives each camera the hand-computed figures', () => {
    const [c1, c2] = r.rows;
    expect(c1).toMatchObject({ availabilityPct: 93.75, outages: 2, outageMinutes: 90, mttrHours: 0.75, repaired: 2, eventsHeld: 3 });
    expect(c1!.openDefects).toEqual([{ defectId: 3, title: 'Cam 1: clock drift', ageHours: 4, blocking: true }]);
    // blocked from the outage start (19.9 h) to the end: 4.1 h, plus 1.5 h down
    expect(c1!.enforcementHoursLost).toBe(5.6);
    expect(c2).toMatchObject({ availabilityPct: 100, measuredHours: 12, outages: 0, mttrHours: null, enforcementHoursLost: 0 });
  });

  it('totals weight availability by measured time', () => {
    // (22.5 + 12) / (24 + 12) = 95.83 %
    expect(r.totals).toMatchObject({ cameras: 2, availabilityPct: 95.83, outages: 2, outageMinutes: 90, mttrHours: 0.75, openDefects: 1, enforcementHoursLost: 5.6, eventsHeld: 3 });
  });

  it('clips outages to the period and refuses an empty period', () => {
    const clipped = computeDefectReport({ from: 5 * H, to: 6 * H, cameras: [{ cameraId: 1, name: 'c', eventsHeld: 0, changes: [{ at: 4 * H, status: 'down' }], defects: [] }] });
    expect(clipped.rows[0]).toMatchObject({ downMinutes: 60, availabilityPct: 0, outages: 1 });
    expect(() => computeDefectReport({ from: 1, to: 1, cameras: [] })).toThrow(/end after/);
  });
});
