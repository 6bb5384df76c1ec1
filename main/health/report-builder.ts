import type { DefectsStore } from '../store/defects-store.js';
import type { HealthStore } from '../store/health-store.js';
import type { DefectReport as ReportReply } from '../api/contract/health-routes.js';
import type { Defect } from './health-types.js';
import { computeDefectReport } from './report-maths.js';

export interface ReportCamera {
  id: number;
  name: string;
  siteCode: string | null;
}

/** Gathers the health log and defects for a period and runs the report maths. Used by the API and the CLI. */
export function buildDefectReport(opts: {
  from: number;
  to: number;
  council: string;
  cameras: readonly ReportCamera[];
  health: HealthStore;
  defects: DefectsStore;
  eventsHeld?: (cameraId: number, from: number, to: number) => number;
}): ReportReply {
  const { from } = opts;
  // A period that ends in the future is measured up to now: ages and hours lost can't run ahead of the clock.
  const to = Math.max(from + 1, Math.min(opts.to, Date.now()));
  const all = opts.defects.list({ from, to });
  const location = all.filter((d) => d.scope === 'location');
  const knownIds = new Set(opts.cameras.map((c) => c.id));
  // Cameras that no longer exist but had defects in the period still answer for them.
  const extra = [...new Set(all.flatMap((d) => (d.cameraId !== null && !knownIds.has(d.cameraId) ? [d.cameraId] : [])))].map((id) => ({ id, name: `camera ${id}`, siteCode: null }));
  const cams = [...opts.cameras, ...extra];
  const report = computeDefectReport({
    from,
    to,
    cameras: cams.map((c) => ({
      cameraId: c.id,
      name: c.name,
      changes: opts.health.statusChangesBetween(c.id, from, to).map((s) => ({ at: s.at, status: s.status })),
      defects: all.filter((d: Defect) => d.cameraId === c.id || (d.scope === 'location' && d.blocking && c.siteCode !== null && d.siteCode === c.siteCode)),
      eventsHeld: opts.eventsHeld ? opts.eventsHeld(c.id, from, to) : 0,
    })),
  });
  return { ...report, council: opts.council, locationDefects: location };
}
