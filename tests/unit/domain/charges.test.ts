import { describe, expect, it } from 'vitest';
import { CHARGES, findCharge, withLondonEffectiveFrom, type ChargeQuery } from '../../../main/domain/charges.js';

describe('findCharge (DOMAIN §3)', () => {
  it.each<[string, ChargeQuery, number, number, number, number, string]>([
    ['England bus lane', { area: 'england', kind: 'bus-lane', onDate: '2024-06-11' }, 7000, 3500, 10500, 21, 'service'],
    ['England moving traffic', { area: 'england', kind: 'moving-traffic', onDate: '2024-06-11' }, 7000, 3500, 10500, 21, 'service'],
    ['England parking band 1 higher', { area: 'england', kind: 'parking', band: 'band-1', level: 'higher', onDate: '2024-06-11' }, 6000, 3000, 9000, 21, 'service'],
    ['England parking band 1 lower', { area: 'england', kind: 'parking', band: 'band-1', level: 'lower', onDate: '2024-06-11' }, 4000, 2000, 6000, 21, 'service'],
    ['England parking band 2 higher', { area: 'england', kind: 'parking', band: 'band-2', level: 'higher', onDate: '2024-06-11' }, 7000, 3500, 10500, 21, 'service'],
    ['England parking band 2 lower, fixed to vehicle', { area: 'england', kind: 'parking', band: 'band-2', level: 'lower', onDate: '2024-06-11', service: 'affixed' }, 5000, 2500, 7500, 14, 'service'],
    ['London moving traffic before April 2025', { area: 'london', kind: 'moving-traffic', onDate: '2025-03-31' }, 13000, 6500, 19500, 14, 'notice-date'],
    ['London moving traffic from April 2025', { area: 'london', kind: 'moving-traffic', onDate: '2025-04-01' }, 16000, 8000, 24000, 14, 'notice-date'],
    ['London bus lane from April 2025', { area: 'london', kind: 'bus-lane', onDate: '2025-06-01' }, 16000, 8000, 24000, 14, 'notice-date'],
    ['London band A higher 2025', { area: 'london', kind: 'parking', band: 'band-a', level: 'higher', onDate: '2025-06-01' }, 16000, 8000, 24000, 21, 'notice-date'],
    ['London band A lower 2025', { area: 'london', kind: 'parking', band: 'band-a', level: 'lower', onDate: '2025-06-01' }, 11000, 5500, 16500, 21, 'notice-date'],
    ['London band B higher 2025', { area: 'london', kind: 'parking', band: 'band-b', level: 'higher', onDate: '2025-06-01' }, 14000, 7000, 21000, 21, 'notice-date'],
    ['London band B lower 2025', { area: 'london', kind: 'parking', band: 'band-b', level: 'lower', onDate: '2025-06-01' }, 9000, 4500, 13500, 21, 'notice-date'],
    ['London band A higher 2024', { area: 'london', kind: 'parking', band: 'band-a', level: 'higher', onDate: '2024-06-01' }, 13000, 6500, 19500, 21, 'notice-date'],
    ['London band B lower 2024', { area: 'london', kind: 'parking', band: 'band-b', level: 'lower', onDate: '2024-06-01' }, 6000, 3000, 9000, 21, 'notice-date'],
    ['Wales moving traffic', { area: 'wales', kind: 'moving-traffic', onDate: '2024-06-11' }, 7000, 3500, 10500, 14, 'service'],
  ])('%s', (_name, q, amount, discounted, certificate, discountDays, basis) => {
    const c = findCharge(q);
    expect(c).toMatchObject({
      amountPence: amount,
      discountedPence: discounted,
      chargeCertificatePence: certificate,
      discountDays,
      discountBasis: basis,
      discountPercent: 50,
    });
    expect(c!.source.length).toBeGreaterThan(10);
  });

  it('has no row for Wales parking (the council must add one)', () => {
    expect(findCharge({ area: 'wales', kind: 'parking', band: 'band-1', level: 'higher', onDate: '2024-06-11' })).toBeNull();
  });

  it('lets a borough move the start of the 2025 London charges', () => {
    const table = withLondonEffectiveFrom('2025-07-01');
    expect(findCharge({ area: 'london', kind: 'moving-traffic', onDate: '2025-06-30' }, table)?.amountPence).toBe(13000);
    expect(findCharge({ area: 'london', kind: 'moving-traffic', onDate: '2025-07-01' }, table)?.amountPence).toBe(16000);
  });

  it('lets a council override a figure in its own table', () => {
    const table = CHARGES.map((r) => (r.area === 'england' && r.kind === 'bus-lane' ? { ...r, amountPence: 8000 } : r));
    expect(findCharge({ area: 'england', kind: 'bus-lane', onDate: '2024-06-11' }, table)).toMatchObject({ amountPence: 8000, discountedPence: 4000 });
  });

  it('every row names its source', () => {
    for (const r of CHARGES) expect(r.source).toMatch(/SI|Act|London Councils|regulations|Welsh/);
  });
});
