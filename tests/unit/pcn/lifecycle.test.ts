import { describe, expect, it } from 'vitest';
import { canMove, nextStages, STAGES, type Stage } from '../../../main/pcn/lifecycle.js';

// Every allowed move of a PCN, as the issue lists the lifecycle; anything else is forbidden.
const ALLOWED_PCN: [Stage, Stage][] = [
  ['approved', 'keeper-requested'],
  ['keeper-requested', 'keeper-known'],
  ['keeper-known', 'notice-generated'],
  ['notice-generated', 'notice-generated'],
  ['notice-generated', 'posted'],
  ['posted', 'paid-discount'],
  ['posted', 'paid-full'],
  ['posted', 'representation-received'],
  ['posted', 'charge-certificate'],
  ['representation-received', 'representation-accepted'],
  ['representation-received', 'representation-rejected'],
  ['representation-received', 'paid-discount'],
  ['representation-received', 'paid-full'],
  ['representation-accepted', 'closed'],
  ['representation-rejected', 'paid-discount'],
  ['representation-rejected', 'paid-full'],
  ['representation-rejected', 'charge-certificate'],
  ['representation-rejected', 'closed'],
  ['charge-certificate', 'paid-full'],
  ['charge-certificate', 'closed'],
  ['paid-discount', 'closed'],
  ['paid-full', 'closed'],
];

describe('PCN lifecycle', () => {
  const allowed = new Set(ALLOWED_PCN.map(([a, b]) => `${a}>${b}`));
  for (const from of STAGES) {
    for (const to of STAGES) {
      const expected = allowed.has(`${from}>${to}`) || (to === 'cancelled' && from !== 'closed' && from !== 'cancelled');
      it(`${from} → ${to} is ${expected ? 'allowed' : 'forbidden'}`, () => {
        expect(canMove('pcn', from, to)).toBe(expected);
      });
    }
  }

  it('closed and cancelled are the end', () => {
    expect(nextStages('pcn', 'closed')).toEqual([]);
    expect(nextStages('pcn', 'cancelled')).toEqual([]);
  });

  it('a warning notice is posted and closed, never paid or certificated', () => {
    expect(nextStages('warning', 'posted')).toEqual(['closed', 'cancelled']);
    expect(canMove('warning', 'posted', 'paid-full')).toBe(false);
    expect(canMove('warning', 'posted', 'charge-certificate')).toBe(false);
  });
});
