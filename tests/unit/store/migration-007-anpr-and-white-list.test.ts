import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { AnprReadsStore } from '../../../main/store/anpr-reads-store.js';

let db: Db | undefined;
afterEach(() => db?.close());

const read = { cameraId: 1, plateSent: 'AB12 CDE', vrm: 'AB12CDE', vrmFormat: 'current', vrmFlags: [], readAt: 1000, receivedAt: 2000, confidence: 90, direction: 'approaching' as const, channel: null, source: 'json' as const, exemptEntryId: null };

describe('migration 007: reads, images, white list, restrictions', () => {
  it('creates strict tables and stores a repeated delivery once', () => {
    db = openDatabase(':memory:');
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['anpr_reads', 'anpr_images', 'white_list', 'restrictions']));
    const s = new AnprReadsStore(db);
    const a = s.insert(read, [{ role: 'plate', name: 'p.jpg', sha256: 'a'.repeat(64), bytes: 10 }]);
    const b = s.insert(read, []);
    expect(a.duplicate).toBe(false);
    expect(b).toEqual({ id: a.id, duplicate: true });
    expect(s.count()).toBe(1);
    expect(s.byId(a.id)!.images).toHaveLength(1);
  });

  it('refuses bad values (STRICT and CHECKs)', () => {
    db = openDatabase(':memory:');
    const s = new AnprReadsStore(db);
    expect(() => s.insert({ ...read, confidence: 140 }, [])).toThrow(/CHECK/);
    expect(() => db!.prepare("INSERT INTO anpr_reads (camera_id, plate_sent, vrm, vrm_format, read_at, received_at, source) VALUES ('x', 'a', 'a', 'u', 1, 1, 'json')").run()).toThrow();
    expect(() => db!.prepare("INSERT INTO white_list (vrm, vrm_entered, vrm_valid, category, valid_from, valid_to, source, added_by, added_at, updated_by, updated_at, reviewed_at) VALUES ('A','A',1,'x',10,5,'s','u',1,'u',1,1)").run()).toThrow(/CHECK/);
  });
});
