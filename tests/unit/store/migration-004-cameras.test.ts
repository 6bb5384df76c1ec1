import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/database.js';
import { migrations } from '../../../main/store/migrations/index.js';
import { CamerasStore, type NewCameraRow } from '../../../main/store/cameras-store.js';

const base: NewCameraRow = {
  name: 'High St bus gate',
  locationDescription: 'High Street, northbound, at the bus gate',
  latitude: 50.7236,
  longitude: -3.5275,
  siteCode: 'HS01',
  enforcementSiteName: 'High Street bus gate',
  onvifHost: null,
  onvifPort: null,
  onvifEndpoint: null,
  rtspMainUri: 'rtsp://192.0.2.10/main',
  rtspSubUri: null,
  profileToken: null,
  subProfileToken: null,
  stream: 'main',
  transport: 'tcp',
  username: 'viewer',
  passwordSealed: 'sealed:abc',
  anprKeyHash: 'f'.repeat(64),
  retentionDays: 31,
  manufacturer: null,
  model: null,
  firmware: null,
  serial: null,
  clockOffsetS: null,
  clockCheckedAt: null,
};

describe('migration 004 cameras', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, 4));
  const store = new CamerasStore(db);

  it('stores a camera with defaults and never lists its secrets', () => {
    const c = store.insert(base, 'admin', 1000);
    expect(c).toMatchObject({ id: 1, name: base.name, status: 'active', retentionDays: 31, hasPassword: true, hasAnprKey: true, createdBy: 'admin', createdAt: 1000 });
    expect(JSON.stringify(store.list())).not.toContain('sealed:abc');
    expect(JSON.stringify(store.list())).not.toContain('f'.repeat(64));
    expect(store.secretsOf(1)).toEqual({ passwordSealed: 'sealed:abc', anprKeyHash: 'f'.repeat(64) });
  });

  it('keeps names unique among working cameras, case-insensitively, but lets a retired name be reused', () => {
    expect(() => store.insert({ ...base, name: 'HIGH ST BUS GATE' }, 'admin', 2000)).toThrow(/UNIQUE/);
    store.retire(1, 'replaced by a new camera', 'admin', 3000);
    const again = store.insert(base, 'admin', 4000);
    expect(again.id).toBe(2);
    expect(store.list().map((c) => c.id)).toEqual([2]);
    expect(store.list({ includeRetired: true }).map((c) => c.id)).toEqual([1, 2]);
  });

  it('never deletes a camera (footage and records point at it)', () => {
    expect(() => db.prepare('DELETE FROM cameras WHERE id = 1').run()).toThrow(/retired, never deleted/);
  });

  it('refuses bad values at the schema', () => {
    expect(() => store.insert({ ...base, name: 'x1', stream: 'third' as 'main' }, 'a', 1)).toThrow(/CHECK/);
    expect(() => store.insert({ ...base, name: 'x2', transport: 'http' as 'tcp' }, 'a', 1)).toThrow(/CHECK/);
    expect(() => store.insert({ ...base, name: 'x3', retentionDays: 0 }, 'a', 1)).toThrow(/CHECK/);
    expect(() => store.insert({ ...base, name: 'x4', latitude: 91 }, 'a', 1)).toThrow(/CHECK/);
    expect(() => store.insert({ ...base, name: 'x5', rtspMainUri: null, onvifHost: null }, 'a', 1)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE cameras SET status = 'retired' WHERE id = 2").run()).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO cameras (name, rtsp_main_uri, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)').run('x6', 'rtsp://h/', 'soon', 'a', 1, 'a')).toThrow(/cannot store TEXT/);
  });

  it('keeps certificate history and picks the one in force at an instant', () => {
    const a = store.addCertificate({ cameraId: 2, certificateNumber: 'VCA/2023/001', issuer: 'Vehicle Certification Agency', typeApprovalRef: 'TA-1', validFrom: 100, validTo: 199 }, 'admin', 10);
    const b = store.addCertificate({ cameraId: 2, certificateNumber: 'VCA/2024/002', issuer: 'Vehicle Certification Agency', typeApprovalRef: null, validFrom: 200, validTo: 299 }, 'admin', 11);
    // A re-issue overlapping b: recorded later, so it wins where they overlap.
    const c = store.addCertificate({ cameraId: 2, certificateNumber: 'VCA/2024/002-R', issuer: 'Vehicle Certification Agency', typeApprovalRef: null, validFrom: 250, validTo: 399 }, 'admin', 12);
    expect(store.certificateAt(2, 150)?.id).toBe(a.id);
    expect(store.certificateAt(2, 220)?.id).toBe(b.id);
    expect(store.certificateAt(2, 260)?.id).toBe(c.id);
    expect(store.certificateAt(2, 400)).toBeUndefined();
    expect(store.certificateAt(2, 99)).toBeUndefined();
    expect(store.certificates(2).map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect(store.currentCertificates(150).get(2)?.id).toBe(a.id);
    expect(store.currentCertificates(1000).get(2)?.id).toBe(c.id); // none in force: the latest-ending
  });

  it('never changes or removes a certificate, and refuses one that ends before it starts or names no camera', () => {
    expect(() => db.prepare("UPDATE camera_certificates SET issuer = 'x'").run()).toThrow(/history/);
    expect(() => db.prepare('DELETE FROM camera_certificates').run()).toThrow(/never deleted/);
    expect(() => store.addCertificate({ cameraId: 2, certificateNumber: 'N', issuer: 'I', typeApprovalRef: null, validFrom: 5, validTo: 4 }, 'a', 1)).toThrow(/CHECK/);
    expect(() => store.addCertificate({ cameraId: 99, certificateNumber: 'N', issuer: 'I', typeApprovalRef: null, validFrom: 1, validTo: 4 }, 'a', 1)).toThrow(/FOREIGN KEY/);
  });

  it('updates and clears fields, recording who and when', () => {
    const c = store.update(2, { locationDescription: 'moved', rtspSubUri: 'rtsp://192.0.2.10/sub' }, 'supervisor', 5000)!;
    expect(c).toMatchObject({ locationDescription: 'moved', rtspSubUri: 'rtsp://192.0.2.10/sub', updatedBy: 'supervisor', updatedAt: 5000 });
    store.clear(2, 'passwordSealed', 'supervisor', 6000);
    expect(store.byId(2)).toMatchObject({ hasPassword: false, updatedAt: 6000 });
  });
});
