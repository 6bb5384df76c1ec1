import { describe, expect, it } from 'vitest';
import { simulateRead } from '../../../fixtures/anpr/plate-misread.js';
import { seededRandom } from '../../../fixtures/anpr/seeded-random.js';

describe('plate misreads', () => {
  const reads = (seed: string, n: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => simulateRead('BO51 OBI', random));
  };

  it('is deterministic for a seed and differs between seeds', () => {
    expect(reads('s1', 200)).toEqual(reads('s1', 200));
    expect(reads('s1', 200)).not.toEqual(reads('s2', 200));
  });

  it('misreads about one read in ten, with lower confidence', () => {
    const all = reads('rate', 2000);
    const bad = all.filter((r) => r.misread !== null);
    expect(bad.length / all.length).toBeGreaterThan(0.07);
    expect(bad.length / all.length).toBeLessThan(0.13);
    for (const r of all) {
      if (r.misread === null) {
        expect(r.plate).toBe('BO51OBI');
        expect(r.confidence).toBeGreaterThanOrEqual(85);
        expect(r.confidence).toBeLessThanOrEqual(99);
      } else {
        expect(r.plate).not.toBe('BO51OBI');
        expect(r.confidence).toBeLessThanOrEqual(80);
      }
    }
    const kinds = new Set(bad.map((r) => r.misread?.kind));
    expect(kinds).toEqual(new Set(['swap', 'drop']));
    for (const r of bad) {
      if (r.misread?.kind === 'swap') expect(`${r.misread.from}${r.misread.to}`).toMatch(/^(O0|0O|I1|1I|B8|8B)$/);
      if (r.misread?.kind === 'drop') expect(r.plate).toHaveLength(6);
    }
  });
});
