import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations/index.js';
import { RecordingsStore } from '../../../main/store/recordings-store.js';
import { MediaLocksStore } from '../../../main/store/media-locks-store.js';

describe('migration 005 recordings', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 5));
  const store = new RecordingsStore(db);
  const seg = { cameraId: 1, startMs: 1000, endMs: 11_000, frameCount: 250, bytes: 5000, initBytes: 800, path: '1/seg-a.mp4', sha256: 'a'.repeat(64), keyframes: [0, 1], cameraOffsetMs: 1500, indexedAt: 12_000 };

  it('indexes a segment once per path and finds it by time', () => {
    const a = store.insertSegment(seg);
    expect(store.insertSegment(seg).id).toBe(a.id);
    expect(store.segmentAt(1, 5000)?.keyframes).toEqual([0, 1]);
    expect(store.segmentsBetween(1, 11_000, 20_000)).toEqual([]);
  });

  it('adds a segment only if its path is new, keeping the row already there', () => {
    const first = { ...seg, path: '1/seg-b.mp4', startMs: 20_000, endMs: 30_000 };
    const row = store.insertSegmentIfNew(first)!;
    expect(row).toMatchObject({ path: '1/seg-b.mp4', startMs: 20_000, endMs: 30_000, frameCount: 250, sha256: 'a'.repeat(64), keyframes: [0, 1] });
    expect(store.insertSegmentIfNew({ ...first, sha256: 'b'.repeat(64), endMs: 31_000 })).toBeNull();
    expect(store.segment(row.id)).toEqual(row);
    expect(store.insertSegment({ ...first, sha256: 'c'.repeat(64) })).toEqual(row);
    expect(() => store.insertSegmentIfNew({ ...first, path: '1/seg-c.mp4', endMs: 10 })).toThrow(/CHECK/);
  });

  it('keeps one open gap per camera and closes it', () => {
    store.openGap(1, 11_000, 'timeout', null);
    expect(() => db.prepare("INSERT INTO media_gaps (camera_id, start_ms, cause) VALUES (1, 12000, 'x')").run()).toThrow(/UNIQUE/);
    expect(store.closeGap(1, 15_000)?.endMs).toBe(15_000);
  });

  it('logs deletions append-only', () => {
    const s = store.segmentAt(1, 5000)!;
    const d = store.deleteSegment(s, 'retention', 99);
    expect(d.reason).toBe('retention');
    expect(() => db.prepare('DELETE FROM media_deletions').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE media_deletions SET bytes = 0').run()).toThrow(/append-only/);
  });

  it('refuses bad rows', () => {
    expect(() => db.prepare("INSERT INTO media_segments (camera_id, start_ms, end_ms, bytes, init_bytes, path, indexed_at) VALUES (1, 10, 5, 0, 0, 'p', 1)").run()).toThrow(/CHECK/);
    const locks = new MediaLocksStore(db);
    expect(() => locks.create({ cameraId: 1, fromMs: 10, toMs: 10, reason: 'r', caseReference: null, createdBy: 'x', createdAt: 1 })).toThrow(/CHECK/);
  });
});
