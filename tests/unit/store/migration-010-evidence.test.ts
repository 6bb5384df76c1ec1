import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { EvidenceStore } from '../../../main/store/evidence-store.js';
import { DisclosureStore } from '../../../main/store/disclosure-store.js';

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const pack = (version: number) => ({
  pcnId: 1, pcnReference: 'ZY00000017', version, dir: `evidence/packs/ZY00000017/v${version}`, manifestSha256: 'a'.repeat(64), keyFingerprint: 'b'.repeat(64),
  files: 3, bytes: 100, omissions: [{ item: 'sign-photos', why: 'none held' }], createdAt: 1, createdBy: 'officer',
});

describe('migration 010 (evidence)', () => {
  it('creates STRICT tables for packs, statements, keys, sign photos, disclosures and retention runs', () => {
    db = openDatabase(':memory:');
    const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[]);
    for (const t of ['evidence_signing_keys', 'evidence_packs', 'witness_statements', 'evidence_sign_photos', 'disclosures', 'retention_runs']) {
      const row = tables.find((x) => x.name === t);
      expect(row, t).toBeDefined();
      expect(row!.sql).toMatch(/STRICT/);
    }
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
  });

  it('keeps packs append-only and numbers versions per case', () => {
    db = openDatabase(':memory:');
    const s = new EvidenceStore(db);
    expect(s.nextPackVersion(1)).toBe(1);
    const p = s.insertPack(pack(1));
    expect(p.omissions).toEqual([{ item: 'sign-photos', why: 'none held' }]);
    expect(s.nextPackVersion(1)).toBe(2);
    expect(() => s.insertPack(pack(1))).toThrow(/UNIQUE/);
    expect(() => db!.prepare('UPDATE evidence_packs SET files = 0').run()).toThrow(/append-only/);
    expect(() => db!.prepare('DELETE FROM evidence_packs').run()).toThrow(/append-only/);
  });

  it('refuses bad hashes, and keeps statements, keys and disclosures from deletion', () => {
    db = openDatabase(':memory:');
    const s = new EvidenceStore(db);
    expect(() => s.insertPack({ ...pack(1), manifestSha256: 'short' })).toThrow(/CHECK/);
    const k = s.registerKey({ fingerprint: 'c'.repeat(64), publicKeyPem: 'PEM', createdAt: 5 });
    expect(s.registerKey({ fingerprint: 'c'.repeat(64), publicKeyPem: 'PEM', createdAt: 6 }).id).toBe(k.id);
    expect(() => db!.prepare('DELETE FROM evidence_signing_keys').run()).toThrow(/append-only/);
    s.insertStatement({ pcnId: 1, pcnReference: 'R', officerName: 'O', officerNumber: '7', roleTitle: 'AO', path: 'p', sha256: 'd'.repeat(64), bytes: 10, requestedFor: 'appeals', createdAt: 1, createdBy: 'o' });
    expect(() => db!.prepare('DELETE FROM witness_statements').run()).toThrow(/append-only/);
    const d = new DisclosureStore(db).insert({ reference: 'DISC-1', requester: 'Jo', requesterKind: 'data-subject', legalBasis: 'uk-gdpr-art15', recipient: 'Jo', requestRef: '', cameraId: 1, fromMs: 1, toMs: 2, vrm: null, redaction: { regions: [], otherPlates: 0, source: 'x' }, dir: 'd', createdAt: 1, createdBy: 's' });
    expect(d.state).toBe('queued');
    expect(() => db!.prepare('DELETE FROM disclosures').run()).toThrow(/kept/);
    expect(() => new DisclosureStore(db!).insert({ ...d, reference: 'DISC-2', fromMs: 5, toMs: 5 })).toThrow(/CHECK/);
  });
});
