import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../main/store/database.js';
import { AnprReadsStore } from '../../../main/store/anpr-reads-store.js';
import { EventsStore, type NewEventRow } from '../../../main/store/events-store.js';

let db: Db | undefined;
afterEach(() => db?.close());

const ev: NewEventRow = { cameraId: 1, restrictionId: null, restrictionType: 'bus-lane', vrm: 'AB12CDE', origin: 'anpr', firstSeenAt: 10_000, lastSeenAt: 10_000, clipStart: 5_000, clipEnd: 20_000, status: 'queued', holdReason: null, inForceWhy: 'x', nearMisses: [], note: '', createdBy: 'anpr', createdAt: 1 };

describe('migration 008: events', () => {
  it('stores an event with its reads, finds it for merging, and requires a reason to hold', () => {
    db = openDatabase(':memory:');
    const reads = new AnprReadsStore(db);
    const r = reads.insert({ cameraId: 1, plateSent: 'AB12CDE', vrm: 'AB12CDE', vrmFormat: 'current', vrmFlags: [], readAt: 10_000, receivedAt: 1, confidence: null, direction: null, channel: null, source: 'json', exemptEntryId: null }, []);
    const events = new EventsStore(db);
    const id = events.insert(ev, [r.id]);
    expect(events.byId(id)).toMatchObject({ status: 'queued', readIds: [r.id], claimedBy: null });
    expect(events.findMergeable(1, 'AB12CDE', 50_000, 60_000)?.id).toBe(id);
    expect(events.findMergeable(1, 'AB12CDE', 200_000, 60_000)).toBeUndefined();
    expect(() => events.insert({ ...ev, status: 'held', holdReason: null }, [])).toThrow(/CHECK/);
    expect(() => events.insert({ ...ev, status: 'queued', holdReason: 'x' }, [])).toThrow(/CHECK/);
    expect(() => events.insert({ ...ev, status: 'bogus' as never }, [])).toThrow(/CHECK/);
  });
});
