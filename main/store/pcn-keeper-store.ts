import type { Db } from './database.js';

export interface KeeperEnquiryRow {
  id: number;
  batchRef: string;
  enquiryRef: string;
  pcnId: number;
  vrm: string;
  eventAt: number;
  reasonCode: string;
  enquirerCode: string;
  createdAt: number;
  createdBy: string;
  repliedAt: number | null;
}

const columns = `id, batch_ref AS batchRef, enquiry_ref AS enquiryRef, pcn_id AS pcnId, vrm, event_at AS eventAt, reason_code AS reasonCode,
  enquirer_code AS enquirerCode, created_at AS createdAt, created_by AS createdBy, replied_at AS repliedAt`;

/** Keeper-at-date-of-event (KADOE) enquiries: what was asked, in which batch, and when the answer came. */
export class PcnKeeperStore {
  constructor(private readonly db: Db) {}

  insert(e: Omit<KeeperEnquiryRow, 'id' | 'repliedAt'>): number {
    return Number(
      this.db
        .prepare(`INSERT INTO keeper_enquiries (batch_ref, enquiry_ref, pcn_id, vrm, event_at, reason_code, enquirer_code, created_at, created_by)
          VALUES (@batchRef, @enquiryRef, @pcnId, @vrm, @eventAt, @reasonCode, @enquirerCode, @createdAt, @createdBy)`)
        .run(e).lastInsertRowid,
    );
  }

  byRef(enquiryRef: string): KeeperEnquiryRow | undefined {
    return this.db.prepare(`SELECT ${columns} FROM keeper_enquiries WHERE enquiry_ref = ?`).get(enquiryRef) as KeeperEnquiryRow | undefined;
  }

  forPcn(pcnId: number): KeeperEnquiryRow[] {
    return this.db.prepare(`SELECT ${columns} FROM keeper_enquiries WHERE pcn_id = ? ORDER BY id`).all(pcnId) as KeeperEnquiryRow[];
  }

  markReplied(id: number, at: number): void {
    this.db.prepare('UPDATE keeper_enquiries SET replied_at = ? WHERE id = ?').run(at, id);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM keeper_enquiries').get() as { n: number }).n;
  }
}
