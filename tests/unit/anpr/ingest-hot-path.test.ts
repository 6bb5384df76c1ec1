/**
 * The ingest hot path takes short cuts (no luxon for plain timestamps, the
 * in-force answer remembered per minute, exemption without explanations,
 * near misses through a hash filter). Each must give exactly the answer of
 * the slow, explained way it replaces; these tests compare them over many
 * generated cases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { checkTime } from '../../../main/anpr/read-fields.js';
import { WhiteListIndex, type IndexedEntry } from '../../../main/anpr/white-list-index.js';
import { RestrictionsService } from '../../../main/anpr/restrictions-service.js';
import { RestrictionsStore } from '../../../main/store/restrictions-store.js';
import { AuditStore } from '../../../main/store/audit-store.js';
import { AuditLog } from '../../../main/audit/audit-log.js';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { confusablesOf } from '../../../main/domain/vrm.js';
import type { WhiteListCategory } from '../../../main/api/contract/anpr-routes.js';

/** A small deterministic generator, so a failure can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The near-miss search as it was before the hash filter: build every candidate and look it up. */
function nearMissCandidatesByBuilding(vrm: string, listed: (v: string) => boolean): string[] {
  const found = new Set<string>();
  const probe = (v: string) => {
    if (v !== vrm && listed(v)) found.add(v);
  };
  const n = vrm.length;
  for (let i = 0; i <= n; i++) {
    const head = vrm.slice(0, i);
    const tail = vrm.slice(i);
    if (i < n) probe(head + tail.slice(1));
    for (const c of ALPHABET) {
      probe(head + c + tail);
      if (i < n && c !== vrm[i]) probe(head + c + tail.slice(1));
    }
  }
  for (let i = 0; i < n; i++) {
    const ci = confusablesOf(vrm[i]!);
    for (let j = i + 1; j < n; j++) for (const a of ci) for (const b of confusablesOf(vrm[j]!)) probe(vrm.slice(0, i) + a + vrm.slice(i + 1, j) + b + vrm.slice(j + 1));
  }
  return [...found].sort();
}

describe('ingest hot path short cuts', () => {
  it('parses plain ISO timestamps exactly as luxon does, and leaves the odd ones (and their messages) to luxon', () => {
    const odd = [
      '2023-02-29T00:00:00Z',
      '2025-06-31T00:00:00Z',
      '2025-06-02T24:00:00Z',
      '2025-06-02T23:59:60Z',
      '2025-06-02T07:45:12+15:00',
      '2025-13-01T00:00:00Z',
      '2025-06-02t07:45:12z',
      '0999-01-01T00:00:00Z',
    ];
    const plain = ['2025-06-02T07:45:12.340Z', '2025-06-02T07:45:12.3Z', '2025-06-02T07:45:12.123456789Z', '2025-06-02T07:45Z', '2025-06-02T07:45:12+01:00', '2025-06-02T07:45:12-0530', '2024-02-29T00:00:00Z', '2000-02-29T23:59:59.999+14:00'];
    const next = rng(7);
    for (let i = 0; i < 2000; i++) {
      const zone = `UTC${next() < 0.5 ? '+' : '-'}${Math.floor(next() * 14)}:${['00', '30', '45'][Math.floor(next() * 3)]}`;
      const dt = DateTime.fromMillis(Math.floor(next() * 4e12), { zone });
      plain.push(dt.toISO()!, dt.toISO({ suppressMilliseconds: true })!, dt.toUTC().toISO()!);
    }
    for (const t of [...odd, ...plain]) {
      const want = DateTime.fromISO(t, { setZone: true });
      const got = checkTime(t);
      if (want.isValid) expect(got, t).toEqual({ ok: true, value: want.toMillis() });
      else {
        expect(got.ok, t).toBe(false);
        if (!got.ok) expect(got.message).toMatch(/is not a real time/);
      }
    }
  });

  it('finds the same near misses through the hash filter as by building every candidate', () => {
    const next = rng(42);
    const pick = () => ALPHABET[Math.floor(next() * ALPHABET.length)]!;
    const randomVrm = () => Array.from({ length: 2 + Math.floor(next() * 7) }, pick).join('');
    const index = new WhiteListIndex();
    const listed = new Set<string>();
    const add = (v: string) => {
      listed.add(v);
      index.add(v, { id: listed.size, category: 'bus-operator', validFrom: 0, validTo: null, cameras: null, types: null });
    };
    const queries: string[] = [];
    for (let q = 0; q < 400; q++) {
      const vrm = randomVrm();
      queries.push(vrm);
      // Plant neighbours of each query on the list: one edit away, and confusable swaps.
      for (let k = 0; k < 3; k++) {
        const i = Math.floor(next() * vrm.length);
        const edits = [vrm.slice(0, i) + vrm.slice(i + 1), vrm.slice(0, i) + pick() + vrm.slice(i), vrm.slice(0, i) + pick() + vrm.slice(i + 1)];
        add(edits[k]!);
      }
      const swapped = [...vrm].map((c) => confusablesOf(c)[0] ?? c).join('');
      add(swapped);
      for (let k = 0; k < 20; k++) add(randomVrm());
    }
    // Entries later removed must not be reported (the filter keeps their bits).
    const gone = queries[0]!.slice(1);
    index.remove(gone, [...listed].indexOf(gone) + 1);
    listed.delete(gone);
    let withMisses = 0;
    for (const vrm of queries) {
      const want = nearMissCandidatesByBuilding(vrm, (v) => listed.has(v));
      // nearMisses also drops candidates compareVrms does not call a near miss; compare before that step.
      const got = index.nearMisses(vrm).map((m) => m.vrm);
      expect(got.every((v) => want.includes(v)), vrm).toBe(true);
      const reference = new WhiteListIndex();
      for (const v of want) reference.add(v, { id: 1, category: 'bus-operator', validFrom: 0, validTo: null, cameras: null, types: null });
      expect(got, vrm).toEqual(reference.nearMisses(vrm).map((m) => m.vrm));
      if (got.length) withMisses++;
    }
    expect(withMisses).toBeGreaterThan(300);
  });

  it('exempts exactly as the explained check does', () => {
    const next = rng(3);
    const categories: WhiteListCategory[] = ['bus-operator', 'hackney-carriage', 'private-hire', 'emergency-service', 'council', 'utility', 'dispensation', 'permit-holder', 'other'];
    const restrictions = [null, { type: 'bus-lane', permitted: ['bus', 'local-bus', 'taxi'] }, { type: 'bus-gate', permitted: ['bus'] }, { type: 'school-street', permitted: ['other', 'emergency'] }];
    const index = new WhiteListIndex();
    for (let i = 0; i < 300; i++) {
      const vrm = `V${i % 120}`;
      const from = Math.floor(next() * 100);
      const e: IndexedEntry = {
        id: i + 1,
        category: categories[Math.floor(next() * categories.length)]!,
        validFrom: from,
        validTo: next() < 0.5 ? null : from + Math.floor(next() * 100),
        cameras: next() < 0.5 ? null : [1 + Math.floor(next() * 3)],
        types: next() < 0.6 ? null : ['bus-lane'],
      };
      index.add(vrm, e);
    }
    for (let k = 0; k < 5000; k++) {
      const vrm = `V${Math.floor(next() * 130)}`;
      const r = restrictions[Math.floor(next() * restrictions.length)]!;
      const ctx = { atMs: Math.floor(next() * 220), cameraId: next() < 0.2 ? null : 1 + Math.floor(next() * 3), restriction: r };
      expect(index.exemptBy(vrm, ctx)).toBe(index.check(vrm, ctx, false).exemptBy);
    }
  });

  describe('restriction in force, remembered per minute', () => {
    let db: Db | undefined;
    afterEach(() => db?.close());

    it('answers as evaluating afresh, across days, clock changes and enforcement start, and forgets on a change', () => {
      db = openDatabase(':memory:');
      const actor = { id: 1, name: 'supervisor' };
      const s = new RestrictionsService({ store: new RestrictionsStore(db), audit: new AuditLog(new AuditStore(db)), cameraExists: () => true });
      const base = { type: 'bus-lane', permitted: ['bus'], trafficOrderRef: 'TRO 1', signsInOrder: true, signsNote: '', area: 'england' as const };
      s.create({ ...base, cameraId: 1, schedule: 'Mon-Fri 7-10am 4-7pm', enforcementStart: '2025-03-31' }, actor);
      s.create({ ...base, cameraId: 1, schedule: 'Sat 8pm-2am', enforcementStart: null }, actor);
      s.create({ ...base, cameraId: 2, schedule: 'At any time', enforcementStart: null }, actor);
      let byCamera = new Map([1, 2, 3].map((c) => [c, s.list(c)]));
      const fresh = (cameraId: number, atMs: number) => {
        const rows = byCamera.get(cameraId)!;
        let first: { id: number; inForce: boolean; why: string } | null = null;
        for (const row of rows) {
          const r = s.evaluate(row, row.schedule, atMs);
          if (r.inForce) return { id: row.id, ...r };
          first ??= { id: row.id, ...r };
        }
        return first;
      };
      const asked = (cameraId: number, atMs: number) => {
        const r = s.atCamera(cameraId, atMs);
        return r && { id: r.restriction.id, inForce: r.inForce, why: r.why };
      };
      const next = rng(11);
      // Around the March 2025 clock change and the enforcement start, then anywhere in the year.
      const times: number[] = [];
      const spring = Date.parse('2025-03-30T00:00:00Z');
      for (let i = 0; i < 500; i++) times.push(spring + Math.floor(next() * 3 * 86_400_000));
      for (let i = 0; i < 300; i++) times.push(Date.parse('2025-01-01T00:00:00Z') + Math.floor(next() * 365 * 86_400_000));
      for (const t of times) for (const cam of [1, 2, 3]) expect(asked(cam, t), `${cam} ${new Date(t).toISOString()}`).toEqual(fresh(cam, t));
      const at = Date.parse('2025-06-02T08:00:30Z'); // a Monday, 09:00 BST
      expect(asked(1, at)?.inForce).toBe(true);
      const rows = s.list(1);
      s.update(rows[0]!.id, { ...base, cameraId: 1, schedule: 'Sun 7-10am', enforcementStart: null }, actor);
      byCamera = new Map([1, 2, 3].map((c) => [c, s.list(c)]));
      expect(asked(1, at)).toEqual(fresh(1, at));
      expect(asked(1, at)?.inForce).toBe(false);
    });
  });
});
