import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clampRegion, otherPlateRegions, redactionArgs, redactionFilter } from '../../../main/dataprotection/redaction-filter.js';
import { RetentionSweep } from '../../../main/dataprotection/retention-sweep.js';
import { defaultRetention, readRetention } from '../../../main/dataprotection/retention-settings.js';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { EvidenceRetentionStore } from '../../../main/store/evidence-retention-store.js';
import { AuditStore } from '../../../main/store/audit-store.js';
import { AuditLog, systemActor } from '../../../main/audit/audit-log.js';
import { tempDir } from '../../support/temp-dir.js';

let db: Db | null = null;
const tmps: { cleanup: () => void }[] = [];
afterEach(() => {
  db?.close();
  db = null;
  tmps.splice(0).forEach((t) => t.cleanup());
});

describe('redaction filter', () => {
  it('clamps regions to the frame on even pixels and drops what is off screen', () => {
    expect(clampRegion({ x: -50, y: 700, w: 100, h: 60 }, { width: 1280, height: 720 }, 0)).toEqual({ x: 0, y: 700, w: 50, h: 20 });
    expect(clampRegion({ x: 2000, y: 0, w: 100, h: 60 }, { width: 1280, height: 720 })).toBeNull();
  });

  it('blurs each region only for its seconds, chained over the frame', () => {
    const { graph, used } = redactionFilter([{ x: 100, y: 100, w: 200, h: 50, fromS: 1, toS: 2 }, { x: 400, y: 300, w: 80, h: 40 }], { width: 1280, height: 720 });
    expect(used).toHaveLength(2);
    expect(graph).toMatch(/^\[0:v\]split=3\[base\]\[c0\]\[c1\]/);
    expect(graph).toContain("enable='between(t\\,1.000\\,2.000)'");
    expect(graph).toMatch(/\[o0\]\[b1\]overlay=\d+:\d+\[vout\]$/);
    expect(redactionFilter([], { width: 10, height: 10 }).graph).toBe('[0:v]null[vout]');
  });

  it("covers every plate but the requester's, following a moving plate", () => {
    const tracks = [
      { vrm: 'SH64 NXR', samples: [{ t: 1, bbox: { x: 0, y: 0, w: 10, h: 10 } }] },
      { vrm: 'AB12 CDE', samples: [{ t: 1, bbox: { x: 100, y: 500, w: 300, h: 70 } }, { t: 1.5, bbox: { x: 300, y: 500, w: 300, h: 70 } }] },
    ];
    const r = otherPlateRegions(tracks, 'SH64NXR', 0.5);
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({ x: 100, w: 500, fromS: 0.25, toS: 0.75 });
    expect(r[1]).toMatchObject({ x: 100, fromS: 0.75, toS: 1.25 });
  });

  it('runs in ffmpeg and blurs the region (pixels change inside it, not outside)', () => {
    const t = tempDir('cctv-redact-');
    tmps.push(t);
    const src = path.join(t.dir, 'in.mp4');
    const out = path.join(t.dir, 'out.mp4');
    expect(spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=5:duration=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p', src]).status).toBe(0);
    const { args } = redactionArgs({ input: src, output: out, regions: [{ x: 20, y: 20, w: 100, h: 80 }], frame: { width: 320, height: 240 } });
    const r = spawnSync('ffmpeg', args, { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // Mean absolute difference between input and output, inside and outside the box.
    const diff = (crop: string) => {
      const p = spawnSync('ffmpeg', ['-hide_banner', '-i', src, '-i', out, '-filter_complex', `[0:v]${crop}[a];[1:v]${crop}[b];[a][b]blend=all_mode=difference,signalstats,metadata=print:key=lavfi.signalstats.YAVG`, '-frames:v', '1', '-f', 'null', '-'], { encoding: 'utf8' });
      return Number(/YAVG=([\d.]+)/.exec(p.stderr)?.[1]);
    };
    expect(diff('crop=80:60:30:30')).toBeGreaterThan(5);
    expect(diff('crop=100:60:200:160')).toBeLessThan(3);
  });
});

describe('retention sweep', () => {
  const DAY = 86_400_000;
  const NOW = Date.UTC(2025, 5, 1);

  function seed(d: Db) {
    const read = (id: number, at: number, sha: string) => {
      d.prepare(`INSERT INTO anpr_reads (id, camera_id, plate_sent, vrm, vrm_format, read_at, received_at, source) VALUES (?, 1, ?, ?, 'current', ?, ?, 'json')`).run(id, `P${id}`, `V${id}`, at, at);
      d.prepare(`INSERT INTO anpr_images (read_id, role, name, sha256, bytes) VALUES (?, 'plate', 'p.jpg', ?, 10)`).run(id, sha);
    };
    read(1, NOW - 40 * DAY, 'a'.repeat(64)); // old, unlinked: goes
    read(2, NOW - 40 * DAY, 'b'.repeat(64)); // old, in an event with a PCN: stays
    read(3, NOW - 5 * DAY, 'c'.repeat(64)); // recent: stays
    read(4, NOW - 40 * DAY, 'c'.repeat(64)); // old, unlinked, shares a picture with read 3: row goes, file stays
    read(5, NOW - 40 * DAY, 'e'.repeat(64)); // old, in an event that never became a case: goes with the event
    const ev = (id: number, readId: number) => {
      d.prepare(`INSERT INTO events (id, camera_id, vrm, origin, first_seen_at, last_seen_at, clip_start, clip_end, status, created_by, created_at, updated_at) VALUES (?, 1, 'V', 'anpr', ?, ?, ?, ?, 'decided', 'x', ?, ?)`).run(id, NOW - 40 * DAY, NOW - 40 * DAY, NOW - 40 * DAY, NOW - 40 * DAY + 1, NOW - 40 * DAY, NOW - 40 * DAY);
      d.prepare('INSERT INTO event_reads (event_id, read_id) VALUES (?, ?)').run(id, readId);
    };
    ev(10, 2);
    ev(11, 5);
    d.prepare(`INSERT INTO pcns (kind, reference, sequence, event_id, camera_id, restriction_type, area, place, vrm, contravention_at, contravention_date, code, code_description, amount_pence, discount_pence, certificate_pence, service_by, stage, officer_name, issued_at, updated_at)
      VALUES ('pcn', 'R1', 1, 10, 1, 'bus-lane', 'london', 'p', 'V2', ?, '2025-04-22', '34J', 'd', 1, 1, 1, '2025-05-20', 'approved', 'o', ?, ?)`).run(NOW - 40 * DAY, NOW - 40 * DAY, NOW - 40 * DAY);
  }

  it('deletes what no case holds, keeps what one does, removes orphaned picture files, and logs the run', () => {
    const t = tempDir('cctv-retention-');
    tmps.push(t);
    db = openDatabase(path.join(t.dir, 'w.sqlite'));
    seed(db);
    const file = (sha: string) => path.join(t.dir, 'img', sha);
    mkdirSync(path.join(t.dir, 'img'));
    for (const c of 'abce') writeFileSync(file(c.repeat(64)), 'jpeg');
    const audit = new AuditLog(new AuditStore(db));
    let purged = 0;
    const sweep = new RetentionSweep({ store: new EvidenceRetentionStore(db), audit, settings: () => defaultRetention, imagePath: file, purgeKeeperData: () => ++purged, now: () => NOW });
    const { summary, run } = sweep.run(systemActor);
    expect(summary).toMatchObject({ eventsDeleted: 1, readsDeleted: 2 + 1, keeperRecordsPurged: 1 });
    const left = (db.prepare('SELECT id FROM anpr_reads ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(left).toEqual([2, 3]);
    expect(existsSync(file('a'.repeat(64)))).toBe(false);
    expect(existsSync(file('e'.repeat(64)))).toBe(false);
    expect(existsSync(file('b'.repeat(64)))).toBe(true);
    expect(existsSync(file('c'.repeat(64)))).toBe(true);
    expect(run.id).toBe(1);
    expect(new AuditStore(db).search({ action: 'dataprotection.retention.sweep', limit: 5 })).toHaveLength(1);
    expect(audit.verify().ok).toBe(true);
  });

  it('falls back to the defaults when a stored setting is broken', () => {
    expect(readRetention(() => ({ readsDays: -4 }) as never)).toEqual(defaultRetention);
    expect(readRetention(() => ({ readsDays: 10 }) as never).readsDays).toBe(10);
  });
});
