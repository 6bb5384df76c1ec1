import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../main/store/store.js';
import { PcnStore } from '../../../main/store/pcn-store.js';
import { parsePcnNumber } from '../../../main/domain/pcn-number.js';
import { tempDir } from '../../support/temp-dir.js';

const child = path.join(import.meta.dirname, 'pcn-number-crash-child.mts');

describe('PCN number allocation survives a crash', () => {
  it('after SIGKILL mid-transaction, reopening continues with no gap and no repeat', () => {
    const tmp = tempDir('cctv-pcn-crash-');
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', child, tmp.dir, '6'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.signal).toBe('SIGKILL');
      expect(r.stdout.trim().split('\n')).toEqual(['1', '2', '3', '4', '5']);
      // A second crash on the first allocation after reopening.
      const r2 = spawnSync(process.execPath, ['--import', 'tsx', child, tmp.dir, '1'], { encoding: 'utf8', timeout: 60_000 });
      expect(r2.signal).toBe('SIGKILL');
      const store = Store.open(tmp.dir);
      try {
        const pcns = new PcnStore(store.db);
        expect(pcns.lastSequence('pcn')).toBe(5);
        const refs = pcns.all().map((p) => p.reference);
        expect(refs.map((x) => (parsePcnNumber(x) as { sequence: number }).sequence)).toEqual([1, 2, 3, 4, 5]);
        const next = pcns.allocateAndInsert(
          { ...pcns.byId(1)!, vrm: 'ZZ99ZZZ', eventId: 99 },
          (seq) => `DB${String(seq).padStart(8, '0')}0`,
          'approved', { id: null, name: 't' }, Date.now(), {},
        );
        expect(next.sequence).toBe(6);
        expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      } finally {
        store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
