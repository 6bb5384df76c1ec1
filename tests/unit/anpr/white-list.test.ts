import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { AuditStore } from '../../../main/store/audit-store.js';
import { AuditLog } from '../../../main/audit/audit-log.js';
import { WhiteListStore } from '../../../main/store/whitelist-store.js';
import { WhiteListService } from '../../../main/anpr/white-list-service.js';

const officer = { id: 1, name: 'officer' };
const at = Date.parse('2025-06-02T08:00:00Z');
let db: Db | undefined;
afterEach(() => db?.close());

function service() {
  db = openDatabase(':memory:');
  const audit = new AuditStore(db);
  const s = new WhiteListService({ store: new WhiteListStore(db), audit: new AuditLog(audit), resolveCamera: (r) => (['1', '2'].includes(r) ? Number(r) : undefined), now: () => at });
  s.load();
  return { s, audit };
}
const entry = (vrm: string, category = 'bus-operator', extra: Partial<Parameters<WhiteListService['add']>[0]> = {}) => ({ vrm, category, scopeCameras: [], scopeTypes: [], validFrom: '2025-01-01', validTo: null, source: 'Metro Buses', notes: '', ...extra });
const busLane = { type: 'bus-lane', permitted: ['bus', 'local-bus', 'taxi', 'pedal-cycle'] };

describe('white list', () => {
  it('exempts an exact match only, explains by which entry, and lists near misses that never exempt', () => {
    const { s } = service();
    const e = s.add(entry('AB12 CDE'), officer);
    expect(s.check('ab12cde', { restriction: busLane, atMs: at })).toMatchObject({ exempt: true, exemptBy: e.id });
    const miss = s.check('AB12CDF', { restriction: busLane, atMs: at });
    expect(miss.exempt).toBe(false);
    expect(miss.nearMisses).toEqual([expect.objectContaining({ vrm: 'AB12CDE', entryIds: [e.id] })]);
    const confusable = s.check('A812CDE', { restriction: busLane, atMs: at });
    expect(confusable.exempt).toBe(false);
    expect(confusable.nearMisses[0]!.how).toMatch(/confusable/);
    const two = s.check('AB12C0E', { restriction: busLane, atMs: at });
    expect(two.nearMisses.map((n) => n.vrm)).toContain('AB12CDE');
  });

  it('a private hire vehicle is not a taxi; council vehicles have no general exemption', () => {
    const { s } = service();
    s.add(entry('PH12ABC', 'private-hire'), officer);
    s.add(entry('CO12ABC', 'council'), officer);
    s.add(entry('HC12ABC', 'hackney-carriage'), officer);
    expect(s.check('PH12ABC', { restriction: busLane, atMs: at }).exempt).toBe(false);
    expect(s.check('PH12ABC', { restriction: busLane, atMs: at }).explanation).toMatch(/not a taxi/);
    expect(s.check('CO12ABC', { restriction: busLane, atMs: at }).exempt).toBe(false);
    expect(s.check('HC12ABC', { restriction: busLane, atMs: at }).exempt).toBe(true);
  });

  it('respects validity dates and camera scope', () => {
    const { s } = service();
    s.add(entry('AB12CDE', 'dispensation', { scopeCameras: [2], validTo: '2025-06-01' }), officer);
    const r = s.check('AB12CDE', { cameraId: 2, restriction: busLane, atMs: at });
    expect(r.exempt).toBe(false);
    expect(r.explanation).toMatch(/expired/);
    s.add(entry('XY12CDE', 'dispensation', { scopeCameras: [2] }), officer);
    expect(s.check('XY12CDE', { cameraId: 1, restriction: busLane, atMs: at }).exempt).toBe(false);
    expect(s.check('XY12CDE', { cameraId: 2, restriction: busLane, atMs: at }).exempt).toBe(true);
  });

  it('imports all rows or none, with a row-by-row report, and audits the import', () => {
    const { s, audit } = service();
    const bad = 'vrm,category,scope_cameras,scope_types,valid_from,valid_to,source,notes\nAB12CDE,bus-operator,,,2025-01-01,,Metro,\nBAD!,taxi-ish,9,,2025-13-01,,,\n';
    const r = s.importCsv(bad, officer);
    expect(r.imported).toBe(0);
    expect(r.errors.filter((e) => e.line === 3).map((e) => e.field).sort()).toEqual(['category', 'scope_cameras', 'source', 'valid_from', 'vrm']);
    expect(s.index.size).toBe(0);
    const good = 'vrm,category,scope_cameras,scope_types,valid_from,valid_to,source,notes\nAB12CDE,bus-operator,,,2025-01-01,,Metro,\n"XY12 ABC",hackney-carriage,1;2,bus-lane,2025-01-01,2026-01-01,Licensing,"a ""quoted"", note"\n';
    expect(s.importCsv(good, officer)).toMatchObject({ imported: 2, errors: [] });
    expect(s.index.size).toBe(2);
    expect(audit.search({ action: 'whitelist.import', limit: 10 }).length).toBe(1);
    const csv = s.exportCsv(officer).csv;
    expect(csv).toContain('"a ""quoted"", note"');
    // The same file again is refused whole: the entries already exist.
    expect(s.importCsv(good, officer).imported).toBe(0);
  });

  it('lists entries expiring soon', () => {
    const { s } = service();
    s.add(entry('AB12CDE', 'bus-operator', { validTo: '2025-06-10' }), officer);
    s.add(entry('XY12CDE', 'bus-operator', { validTo: '2025-09-10' }), officer);
    expect(s.expiring(14).expiring.map((e) => e.vrm)).toEqual(['AB12CDE']);
  });
});
