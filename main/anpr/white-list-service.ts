/**
 * The exempt-vehicle white list: a reference database under the Surveillance
 * Camera Code's principle 12, so every entry has a source, validity dates and
 * an owner, every change is audited, and entries that are expiring or have
 * not been reviewed for a year surface. The table is the record; the
 * in-memory index answers the ingest hot path and is updated on each change.
 */
import { createHash } from 'node:crypto';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import type { WhiteListFields, WhiteListQuery, WhiteListRow, WhiteListStore } from '../store/whitelist-store.js';
import type { ImportReport, RowError, WhiteListCategory, WhiteListCheck } from '../api/contract/anpr-routes.js';
import { AnprError } from './anpr-error.js';
import { CsvSyntaxError, formatCsv, parseCsv } from './csv.js';
import { checkEntry, type EntryDraft } from './white-list-entry-check.js';
import { WhiteListIndex, type CheckContext, type IndexedEntry } from './white-list-index.js';
import type { RestrictionContext } from './white-list-exemption.js';

export const WHITE_LIST_CSV_HEADER = ['vrm', 'category', 'scope_cameras', 'scope_types', 'valid_from', 'valid_to', 'source', 'notes'] as const;
const EXPORT_HEADER = ['id', ...WHITE_LIST_CSV_HEADER, 'added_by', 'added_at', 'reviewed_at'];
const STALE_MS = 365 * 86_400_000;
export const MAX_IMPORT_ROWS = 1_000_000;

export interface WhiteListDeps {
  store: WhiteListStore;
  audit: AuditLog;
  resolveCamera: (ref: string) => number | undefined;
  /** The restriction a camera enforces at a time (for checks scoped to a camera). */
  restrictionAt?: (cameraId: number, atMs: number) => RestrictionContext | null;
  now?: () => number;
}

const day = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10));
const splitList = (s: string) => s.split(/[;|\s]+/).map((x) => x.trim()).filter(Boolean);

function toIndexed(r: Pick<WhiteListRow, 'id' | 'category' | 'validFrom' | 'validTo' | 'scopeCameras' | 'scopeTypes'>): IndexedEntry {
  return {
    id: r.id,
    category: r.category as WhiteListCategory,
    validFrom: r.validFrom,
    validTo: r.validTo,
    cameras: r.scopeCameras.length ? r.scopeCameras : null,
    types: r.scopeTypes.length ? r.scopeTypes : null,
  };
}

export class WhiteListService {
  readonly index = new WhiteListIndex();
  private readonly now: () => number;

  constructor(private readonly deps: WhiteListDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** (Re)builds the in-memory index from the table. */
  load(): void {
    this.index.clear();
    for (const r of this.deps.store.iterateActive()) this.index.add(r.vrm, toIndexed(r));
  }

  list(q: WhiteListQuery): { total: number; entries: WhiteListRow[] } {
    return this.deps.store.list(q);
  }

  get(id: number): WhiteListRow {
    const r = this.deps.store.byId(id);
    if (!r) throw new AnprError(404, 'not-found', `white-list entry ${id} not found`);
    return r;
  }

  private checked(d: EntryDraft): { fields: WhiteListFields; warnings: string[] } {
    const c = checkEntry(d, this.deps.resolveCamera, this.now());
    if (!c.ok) throw new AnprError(400, 'invalid-request', c.errors.map((e) => `${e.field}: ${e.message}`).join('; '), c.errors.map((e) => ({ path: e.field, message: e.message })));
    return c;
  }

  add(d: EntryDraft, actor: Actor): WhiteListRow {
    const { fields, warnings } = this.checked(d);
    const at = this.now();
    const id = this.deps.store.insert(fields, actor.name, at);
    this.index.add(fields.vrm, toIndexed({ id, ...fields }));
    this.deps.audit.record(actor, 'whitelist.add', `whitelist:${id}`, { ...fields, warnings });
    return this.get(id);
  }

  update(id: number, d: EntryDraft, actor: Actor): WhiteListRow {
    const before = this.get(id);
    if (before.removedAt !== null) throw new AnprError(409, 'conflict', `white-list entry ${id} was removed; add a new one`);
    const { fields } = this.checked(d);
    this.deps.store.update(id, fields, actor.name, this.now());
    this.index.remove(before.vrm, id);
    this.index.add(fields.vrm, toIndexed({ id, ...fields }));
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of Object.keys(fields) as (keyof WhiteListFields)[]) {
      if (JSON.stringify(before[k]) !== JSON.stringify(fields[k])) changed[k] = { from: before[k], to: fields[k] };
    }
    this.deps.audit.record(actor, 'whitelist.update', `whitelist:${id}`, { changed });
    return this.get(id);
  }

  remove(id: number, reason: string, actor: Actor): WhiteListRow {
    const before = this.get(id);
    if (before.removedAt !== null) throw new AnprError(409, 'conflict', `white-list entry ${id} was already removed`);
    this.deps.store.remove(id, actor.name, this.now(), reason);
    this.index.remove(before.vrm, id);
    this.deps.audit.record(actor, 'whitelist.remove', `whitelist:${id}`, { vrm: before.vrm, reason });
    return this.get(id);
  }

  review(id: number, actor: Actor): WhiteListRow {
    const before = this.get(id);
    if (before.removedAt !== null) throw new AnprError(409, 'conflict', `white-list entry ${id} was removed`);
    this.deps.store.markReviewed(id, actor.name, this.now());
    this.deps.audit.record(actor, 'whitelist.review', `whitelist:${id}`, { vrm: before.vrm });
    return this.get(id);
  }

  /**
   * Imports a CSV (header: vrm,category,scope_cameras,scope_types,valid_from,
   * valid_to,source,notes; lists separated by ';'). Every row is checked
   * first; if any row is wrong nothing is imported and the report says which
   * rows and why. Otherwise all rows go in one transaction.
   */
  importCsv(text: string, actor: Actor, opts: { dryRun?: boolean } = {}): ImportReport {
    const dryRun = opts.dryRun ?? false;
    const errors: RowError[] = [];
    const warnings: RowError[] = [];
    let records;
    try {
      records = parseCsv(text);
    } catch (e) {
      if (e instanceof CsvSyntaxError) return { imported: 0, rows: 0, dryRun, errors: [{ line: e.line, field: null, message: e.message }], warnings };
      throw e;
    }
    const [head, ...rows] = records;
    if (!head) return { imported: 0, rows: 0, dryRun, errors: [{ line: 1, field: null, message: 'the file is empty' }], warnings };
    const names = head.fields.map((f) => f.trim().toLowerCase());
    const missing = WHITE_LIST_CSV_HEADER.filter((h) => h !== 'notes' && h !== 'scope_cameras' && h !== 'scope_types' && h !== 'valid_to' && !names.includes(h));
    if (missing.length) {
      return { imported: 0, rows: rows.length, dryRun, errors: [{ line: 1, field: null, message: `the header must name ${WHITE_LIST_CSV_HEADER.join(',')}; missing ${missing.join(', ')}` }], warnings };
    }
    if (rows.length > MAX_IMPORT_ROWS) {
      return { imported: 0, rows: rows.length, dryRun, errors: [{ line: 1, field: null, message: `${rows.length} rows; at most ${MAX_IMPORT_ROWS} per import` }], warnings };
    }
    const col = (r: string[], name: string) => {
      const i = names.indexOf(name);
      return i < 0 ? '' : (r[i] ?? '');
    };
    const now = this.now();
    const good: WhiteListFields[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      if (row.fields.length !== names.length) {
        errors.push({ line: row.line, field: null, message: `${row.fields.length} columns; the header has ${names.length}` });
        continue;
      }
      const c = checkEntry(
        {
          vrm: col(row.fields, 'vrm'),
          category: col(row.fields, 'category'),
          scopeCameras: splitList(col(row.fields, 'scope_cameras')),
          scopeTypes: splitList(col(row.fields, 'scope_types')),
          validFrom: col(row.fields, 'valid_from'),
          validTo: col(row.fields, 'valid_to') || null,
          source: col(row.fields, 'source'),
          notes: col(row.fields, 'notes'),
        },
        this.deps.resolveCamera,
        now,
      );
      if (!c.ok) {
        for (const e of c.errors) errors.push({ line: row.line, field: e.field, message: e.message });
        continue;
      }
      const key = `${c.fields.vrm}|${c.fields.category}|${c.fields.scopeCameras.join(';')}|${c.fields.scopeTypes.join(';')}`;
      const dupLine = seen.get(key);
      if (dupLine !== undefined) {
        errors.push({ line: row.line, field: 'vrm', message: `repeats line ${dupLine} (same mark, category and scope)` });
        continue;
      }
      seen.set(key, row.line);
      const already = this.index.entriesFor(c.fields.vrm).find((e) => e.category === c.fields.category && (e.cameras ?? []).join(';') === c.fields.scopeCameras.join(';') && (e.types ?? []).join(';') === c.fields.scopeTypes.join(';'));
      if (already) {
        errors.push({ line: row.line, field: 'vrm', message: `${c.fields.vrm} is already on the list as entry #${already.id} (same category and scope); change that entry instead` });
        continue;
      }
      for (const w of c.warnings) warnings.push({ line: row.line, field: 'vrm', message: w });
      good.push(c.fields);
    }
    if (rows.length === 0) errors.push({ line: 2, field: null, message: 'the file has a header but no rows' });
    if (errors.length || dryRun) return { imported: 0, rows: rows.length, dryRun, errors, warnings };
    const ids = this.deps.store.insertMany(good, actor.name, now);
    good.forEach((f, i) => this.index.add(f.vrm, toIndexed({ id: ids[i]!, ...f })));
    this.deps.audit.record(actor, 'whitelist.import', `whitelist:import`, {
      rows: good.length,
      firstId: ids[0],
      lastId: ids[ids.length - 1],
      sha256: createHash('sha256').update(text).digest('hex'),
      warnings: warnings.length,
    });
    return { imported: ids.length, rows: rows.length, dryRun, errors, warnings };
  }

  exportCsv(actor: Actor): { filename: string; csv: string; rows: number } {
    const rows: (string | number | null)[][] = [];
    for (const r of this.deps.store.iterateActive()) {
      rows.push([r.id, r.vrm, r.category, r.scopeCameras.join(';'), r.scopeTypes.join(';'), day(r.validFrom), day(r.validTo), r.source, r.notes, r.addedBy, new Date(r.addedAt).toISOString(), new Date(r.reviewedAt).toISOString()]);
    }
    // Cells that a spreadsheet would run as formulas are defused (they cannot get in, but older data might).
    const safe = rows.map((r) => r.map((c) => (typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : c)));
    const csv = formatCsv(EXPORT_HEADER, safe);
    const filename = `white-list-${new Date(this.now()).toISOString().slice(0, 10)}.csv`;
    this.deps.audit.record(actor, 'whitelist.export', 'whitelist:export', { rows: rows.length, sha256: createHash('sha256').update(csv).digest('hex') });
    return { filename, csv, rows: rows.length };
  }

  expiring(days: number): { days: number; expiring: WhiteListRow[]; stale: WhiteListRow[] } {
    const now = this.now();
    return { days, expiring: this.deps.store.expiringBetween(now, now + days * 86_400_000), stale: this.deps.store.notReviewedSince(now - STALE_MS, now) };
  }

  /** The explained check an officer (or `cctv whitelist check`) asks for. */
  check(vrm: string, opts: { cameraId?: number; atMs?: number; restriction?: RestrictionContext | null } = {}): WhiteListCheck {
    const at = opts.atMs ?? this.now();
    const cameraId = opts.cameraId ?? null;
    const restriction = opts.restriction !== undefined ? opts.restriction : cameraId !== null ? (this.deps.restrictionAt?.(cameraId, at) ?? null) : null;
    const ctx: CheckContext = { atMs: at, cameraId, restriction };
    const r = this.index.check(vrm, ctx);
    let explanation = r.explanation;
    if (cameraId === null) explanation += ' (no camera given: camera scope and the traffic order were not checked)';
    else if (!restriction) explanation += ` (camera ${cameraId} has no restriction recorded: the traffic order was not checked)`;
    return { ...r, explanation, at, cameraId, restrictionType: restriction?.type ?? null };
  }

  /** Hot path for ingest: the exempting entry's id, or null. */
  exemptBy(vrm: string, ctx: CheckContext): number | null {
    return this.index.exemptBy(vrm, ctx);
  }
}
