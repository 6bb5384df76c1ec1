import type { Db } from './database.js';

/**
 * Camera ids and site codes read straight from the cameras table, for the
 * command line (which runs without the cameras feature). Returns empty when
 * that table is not there yet.
 */
export class AnprCameraIdsStore {
  constructor(private readonly db: Db) {}

  known(): { ids: Set<number>; bySite: Map<string, number> } {
    const ids = new Set<number>();
    const bySite = new Map<string, number>();
    const has = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cameras'").get();
    if (!has) return { ids, bySite };
    const cols = new Set((this.db.prepare("SELECT name FROM pragma_table_info('cameras')").all() as { name: string }[]).map((c) => c.name));
    const site = cols.has('site_code') ? ', site_code AS site' : ', NULL AS site';
    const active = cols.has('retired_at') ? ' WHERE retired_at IS NULL' : '';
    for (const r of this.db.prepare(`SELECT id${site} FROM cameras${active}`).all() as { id: number; site: string | null }[]) {
      ids.add(r.id);
      if (r.site) bySite.set(r.site.toUpperCase(), r.id);
    }
    return { ids, bySite };
  }
}
