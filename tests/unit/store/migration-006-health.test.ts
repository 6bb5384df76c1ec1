import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { HealthStore } from '../../../main/store/health-store.js';
import { DefectsStore } from '../../../main/store/defects-store.js';
import { tempDir } from '../../support/temp-dir.js';

let db: Db | undefined;
let tmp: { dir: string; cleanup(): void } | undefined;
afterEach(() => {
  db?.close();
  tmp?.cleanup();
});

describe('migration 006 (health)', () => {
  it('creates the health log and defect tables with their constraints', () => {
    tmp = tempDir('mig006-');
    db = openDatabase(path.join(tmp.dir, 'w.sqlite'));
    const health = new HealthStore(db);
    const defects = new DefectsStore(db);
    health.insertProbe({ cameraId: 1, kind: 'clock', at: 1000, status: 'degraded', value: 12.5, fault: 'clock-drift', reason: 'x', detail: {}, durationMs: 3 });
    expect(health.probeAt(1, 'clock', 2000)?.value).toBe(12.5);
    expect(() => db!.prepare("INSERT INTO health_probes (camera_id, kind, at, status, duration_ms) VALUES (1, 'bogus', 1, 'ok', 0)").run()).toThrow(/CHECK/);
    const base = { scope: 'camera' as const, cameraId: 1, siteCode: null, location: null, category: 'offline', title: 't', description: '', origin: 'auto' as const, fault: 'offline' as const, blocking: false, supplier: null, supplierRef: null, reportedAt: 10, acknowledgedAt: null, resolvedAt: null, outageStart: 5, createdBy: 'x', createdAt: 10 };
    defects.insert(base);
    // one open auto defect per camera and fault
    expect(() => defects.insert(base)).toThrow(/UNIQUE/);
    // a location defect needs its location
    expect(() => defects.insert({ ...base, scope: 'location', fault: null, origin: 'manual' })).toThrow(/CHECK/);
  });
});
