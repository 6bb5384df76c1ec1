import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../main/store/database.js';

let db: Db | null = null;
afterEach(() => db?.close());

const insert = (d: Db, over: Record<string, unknown> = {}) =>
  d.prepare(`INSERT INTO pcns (kind, reference, sequence, event_id, camera_id, restriction_type, area, place, vrm, contravention_at, contravention_date, code,
    code_description, amount_pence, discount_pence, certificate_pence, service_by, stage, officer_name, issued_at, updated_at, cancel_reason)
    VALUES (@kind, @reference, @sequence, 1, 3, 'bus-lane', 'england', 'p', @vrm, 0, '2025-03-04', '34J', 'd', 7000, 3500, 10500, '2025-03-31', @stage, 'o', 0, 0, @cancel)`)
    .run({ kind: 'pcn', reference: 'DB000000018', sequence: 1, vrm: 'AB12CDE', stage: 'approved', cancel: null, ...over });

describe('migration 009 (pcns)', () => {
  it('creates STRICT tables with the sequence seeded and the guards in place', () => {
    db = openDatabase(':memory:');
    const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'pcn%' OR name = 'keeper_enquiries'").all() as { name: string; sql: string }[]);
    expect(tables.map((t) => t.name).sort()).toEqual(['keeper_enquiries', 'pcn_events', 'pcn_payments', 'pcn_quality_audits', 'pcn_refusals', 'pcn_representations', 'pcn_sequence', 'pcns']);
    for (const t of tables) expect(t.sql).toMatch(/STRICT/);
    expect(db.prepare('SELECT series, last_value FROM pcn_sequence ORDER BY series').all()).toEqual([{ series: 'pcn', last_value: 0 }, { series: 'warning', last_value: 0 }]);
    expect(() => db!.prepare("UPDATE pcn_sequence SET last_value = 0 WHERE series = 'pcn'").run()).toThrow(/only moves forward/);
    insert(db);
    expect(() => db!.prepare('DELETE FROM pcns').run()).toThrow(/never deleted/);
    // One live PCN per vehicle, place and day; a cancelled one does not block.
    expect(() => insert(db!, { reference: 'DB000000026', sequence: 2 })).toThrow(/UNIQUE/);
    db.prepare("UPDATE pcns SET stage = 'cancelled', cancel_reason = 'wrong code' WHERE id = 1").run();
    insert(db, { reference: 'DB000000026', sequence: 2 });
    // A cancelled stage needs a reason.
    expect(() => insert(db!, { reference: 'DB000000034', sequence: 3, vrm: 'X', stage: 'cancelled' })).toThrow(/CHECK/);
    db.prepare("INSERT INTO pcn_events (pcn_id, at, actor_name, action, to_stage) VALUES (1, 0, 'o', 'issue', 'approved')").run();
    expect(() => db!.prepare('UPDATE pcn_events SET action = 1').run()).toThrow(/append-only/);
  });
});
