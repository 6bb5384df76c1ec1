import type { Db } from './database.js';

export interface RestrictionFields {
  cameraId: number;
  type: string;
  schedule: string;
  permitted: string[];
  trafficOrderRef: string;
  signsInOrder: boolean;
  signsNote: string;
  /** YYYY-MM-DD (UK), or null when not yet set. */
  enforcementStart: string | null;
  area: 'london' | 'england' | 'wales';
}

export interface RestrictionRow extends RestrictionFields {
  id: number;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
}

const columns = `id, camera_id AS cameraId, type, schedule, permitted, traffic_order_ref AS trafficOrderRef, signs_in_order AS signsInOrder,
  signs_note AS signsNote, enforcement_start AS enforcementStart, area, created_by AS createdBy, created_at AS createdAt,
  updated_by AS updatedBy, updated_at AS updatedAt`;

type RawRow = Omit<RestrictionRow, 'permitted' | 'signsInOrder'> & { permitted: string; signsInOrder: number };
const toRow = (r: RawRow): RestrictionRow => ({ ...r, permitted: JSON.parse(r.permitted) as string[], signsInOrder: r.signsInOrder === 1 });

/** What each camera location enforces (type, hours as signed, permitted classes, traffic order, sign condition). */
export class RestrictionsStore {
  constructor(private readonly db: Db) {}

  private params(f: RestrictionFields) {
    return { ...f, permitted: JSON.stringify(f.permitted), signsInOrder: f.signsInOrder ? 1 : 0 };
  }

  insert(f: RestrictionFields, by: string, at: number): number {
    return Number(
      this.db
        .prepare(`INSERT INTO restrictions (camera_id, type, schedule, permitted, traffic_order_ref, signs_in_order, signs_note, enforcement_start, area, created_by, created_at, updated_by, updated_at)
          VALUES (@cameraId, @type, @schedule, @permitted, @trafficOrderRef, @signsInOrder, @signsNote, @enforcementStart, @area, @by, @at, @by, @at)`)
        .run({ ...this.params(f), by, at }).lastInsertRowid,
    );
  }

  update(id: number, f: RestrictionFields, by: string, at: number): void {
    this.db
      .prepare(`UPDATE restrictions SET camera_id = @cameraId, type = @type, schedule = @schedule, permitted = @permitted, traffic_order_ref = @trafficOrderRef,
        signs_in_order = @signsInOrder, signs_note = @signsNote, enforcement_start = @enforcementStart, area = @area, updated_by = @by, updated_at = @at
        WHERE id = @id AND removed_at IS NULL`)
      .run({ ...this.params(f), by, at, id });
  }

  remove(id: number, at: number): void {
    this.db.prepare('UPDATE restrictions SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, id);
  }

  byId(id: number): RestrictionRow | undefined {
    const r = this.db.prepare(`SELECT ${columns} FROM restrictions WHERE id = ? AND removed_at IS NULL`).get(id) as RawRow | undefined;
    return r ? toRow(r) : undefined;
  }

  list(cameraId?: number): RestrictionRow[] {
    const rows = cameraId === undefined
      ? this.db.prepare(`SELECT ${columns} FROM restrictions WHERE removed_at IS NULL ORDER BY camera_id, id`).all()
      : this.db.prepare(`SELECT ${columns} FROM restrictions WHERE removed_at IS NULL AND camera_id = ? ORDER BY id`).all(cameraId);
    return (rows as RawRow[]).map(toRow);
  }
}
