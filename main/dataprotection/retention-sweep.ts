import { rmSync } from 'node:fs';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { EvidenceRetentionStore, RetentionRunRow } from '../store/evidence-retention-store.js';
import type { RetentionSettings } from './retention-settings.js';

const DAY = 86_400_000;

export interface SweepSummary {
  at: number;
  settings: RetentionSettings;
  eventsDeleted: number;
  imagesDeleted: number;
  imageFilesDeleted: number;
  readsDeleted: number;
  keeperRecordsPurged: number | null;
  casesPastRetention: number;
  footage: string;
}

/**
 * One run of the retention schedule: candidate events that never became a
 * case, then the pictures and reads no event or case holds, then keeper
 * data (through the pcn feature), and a count of case records past the
 * records schedule (reported for review, not deleted: a PCN record is
 * deleted only by a person's decision). Logged to the audit log and to
 * retention_runs.
 */
export class RetentionSweep {
  constructor(
    private readonly deps: {
      store: EvidenceRetentionStore;
      audit: AuditLog;
      settings: () => RetentionSettings;
      imagePath: (sha256: string) => string | null;
      purgeKeeperData: (() => number) | null;
      now?: () => number;
    },
  ) {}

  run(by: Actor): { run: RetentionRunRow; summary: SweepSummary } {
    const at = this.deps.now?.() ?? Date.now();
    const s = this.deps.settings();
    const eventsDeleted = this.deps.store.deleteStaleEvents(at - s.eventsDays * DAY);
    const imgs = this.deps.store.deleteImagesOfUnlinkedReads(at - s.imagesDays * DAY);
    let imageFilesDeleted = 0;
    // Files go after the rows are committed: a crash between leaves an orphan file (found next run), never a row without its file.
    for (const h of imgs.orphanedHashes) {
      const file = this.deps.imagePath(h);
      if (!file) continue;
      rmSync(file, { force: true });
      imageFilesDeleted++;
    }
    const readsDeleted = this.deps.store.deleteUnlinkedReads(at - s.readsDays * DAY);
    const keeperRecordsPurged = this.deps.purgeKeeperData ? this.deps.purgeKeeperData() : null;
    const cases = this.deps.store.casesPastRetention(at - s.caseYears * 365.25 * DAY);
    const summary: SweepSummary = {
      at, settings: s, eventsDeleted, imagesDeleted: imgs.rows, imageFilesDeleted, readsDeleted, keeperRecordsPurged, casesPastRetention: cases.length,
      footage: `footage is deleted by the media feature after each camera's retention (default ${s.footageDays} days) unless evidence-locked`,
    };
    const run = this.deps.store.recordRun({ at, by: by.name, summary: { ...summary } });
    this.deps.audit.record(by, 'dataprotection.retention.sweep', 'retention', { runId: run.id, eventsDeleted, imagesDeleted: imgs.rows, imageFilesDeleted, readsDeleted, keeperRecordsPurged, casesPastRetention: cases.map((c) => c.reference).slice(0, 50) });
    return { run, summary };
  }
}
