import { describe, expect, it } from 'vitest';
import { pcnDates, PcnDatesError } from '../../../main/domain/pcn-dates.js';
import { STATUTORY_PERIODS } from '../../../main/domain/statutory-periods.js';

const at = (iso: string) => Date.parse(iso);

describe('pcnDates (worked by hand from DOMAIN §3-4)', () => {
  it('England bus lane, posted: 28 days to serve, 21-day discount and 28 days from deemed service', () => {
    // Contravention Tue 11 Jun 2024 08:15 BST. Posted Thu 13 Jun → served Mon 17 Jun.
    // Discount: 21 days beginning 17 Jun → 7 Jul. Representations: 28 days → 14 Jul.
    // Charge certificate from Mon 15 Jul; posted then it is served Wed 17 Jul;
    // 14 days beginning 17 Jul end 30 Jul → order for recovery from 31 Jul.
    expect(pcnDates({ code: '34J', area: 'england', contraventionUtcMs: at('2024-06-11T07:15:00Z'), postedDate: '2024-06-13' })).toMatchObject({
      code: '34J',
      kind: 'bus-lane',
      contraventionDate: '2024-06-11',
      serviceBy: '2024-07-08',
      postBy: '2024-07-04',
      postedDate: '2024-06-13',
      noticeDate: '2024-06-13',
      deemedService: '2024-06-17',
      serviceInTime: true,
      discountUntil: '2024-07-07',
      paymentDue: '2024-07-14',
      representationsUntil: '2024-07-14',
      enforcementNoticeFrom: null,
      chargeCertificateFrom: '2024-07-15',
      orderForRecoveryFrom: '2024-07-31',
    });
  });

  it.each([
    // 23:30 UTC on a summer evening is the next UK date: day 1 is 12 June.
    ['2024-06-11T23:30:00Z', '2024-06-12', '2024-07-09'],
    // In winter 23:30 UTC is the same date.
    ['2024-01-11T23:30:00Z', '2024-01-11', '2024-02-07'],
    ['2024-02-10T12:00:00Z', '2024-02-10', '2024-03-08'], // across 29 February
  ])('contravention %s: UK date %s, serve by %s', (iso, date, serviceBy) => {
    expect(pcnDates({ code: '31J', area: 'england', contraventionUtcMs: at(iso) })).toMatchObject({ contraventionDate: date, serviceBy });
  });

  it('Christmas: a deadline on a substitute bank holiday moves the last posting day back', () => {
    // 30 Nov 2022 + 28 days → 27 Dec (substitute for Christmas Day). Posting Wed 21 Dec
    // is served Fri 23 Dec; posting Thu 22 Dec would be served Wed 28 Dec (too late).
    const d = pcnDates({ code: '50Jr', area: 'england', contraventionUtcMs: at('2022-11-30T10:00:00Z') });
    expect(d).toMatchObject({ serviceBy: '2022-12-27', postBy: '2022-12-21', assumedPostedDate: '2022-12-21', deemedService: null, serviceInTime: true });
    // Assumed posted 21 Dec, served 23 Dec: discount to 12 Jan 2023, representations to 19 Jan.
    expect(d).toMatchObject({ discountUntil: '2023-01-12', representationsUntil: '2023-01-19', chargeCertificateFrom: '2023-01-20' });
  });

  it('a PCN posted too late is flagged', () => {
    // Served Tue 9 Jul, the day after the last day for service (Mon 8 Jul).
    const d = pcnDates({ code: '34J', area: 'england', contraventionUtcMs: at('2024-06-11T07:15:00Z'), postedDate: '2024-07-05' });
    expect(d).toMatchObject({ deemedService: '2024-07-09', serviceInTime: false });
  });

  it('London moving traffic counts from the date of the notice, then an enforcement notice', () => {
    // Notice dated (posted) Thu 13 Jun 2024: discount 14 days → 26 Jun; pay 28 days → 10 Jul.
    // Enforcement notice from Thu 11 Jul, served Mon 15 Jul; 28 days → 11 Aug; charge
    // certificate from Mon 12 Aug, served Wed 14 Aug; 14 days → 27 Aug; recovery from 28 Aug.
    expect(pcnDates({ code: '31J', area: 'london', contraventionUtcMs: at('2024-06-11T10:30:00Z'), postedDate: '2024-06-13' })).toMatchObject({
      serviceBy: '2024-07-08',
      deemedService: '2024-06-17',
      noticeDate: '2024-06-13',
      discountUntil: '2024-06-26',
      paymentDue: '2024-07-10',
      representationsUntil: '2024-07-10',
      enforcementNoticeFrom: '2024-07-11',
      chargeCertificateFrom: '2024-08-12',
      orderForRecoveryFrom: '2024-08-28',
    });
  });

  it('Wales: its own (14-day) discount window', () => {
    expect(pcnDates({ code: '34J', area: 'wales', contraventionUtcMs: at('2024-06-11T07:15:00Z'), postedDate: '2024-06-13' })).toMatchObject({
      deemedService: '2024-06-17',
      discountUntil: '2024-06-30',
      representationsUntil: '2024-07-14',
    });
  });

  it('England CCTV parking: 14 days to serve', () => {
    expect(pcnDates({ code: '01J', area: 'england', contraventionUtcMs: at('2024-06-11T07:15:00Z') })).toMatchObject({
      kind: 'parking',
      serviceBy: '2024-06-24',
    });
  });

  it('lists the periods still to verify', () => {
    expect(pcnDates({ code: '34J', area: 'england', contraventionUtcMs: at('2024-06-11T07:15:00Z') }).verify.join(' ')).toMatch(/reg\. 10\(5\)/);
  });

  it('takes a council\'s own period table', () => {
    const periods = structuredClone(STATUTORY_PERIODS);
    periods.england['bus-lane'].service = { ...periods.england['bus-lane'].service!, days: 14 };
    expect(pcnDates({ code: '34J', area: 'england', contraventionUtcMs: at('2024-06-11T07:15:00Z') }, { periods }).serviceBy).toBe('2024-06-24');
  });

  it.each([
    [{ code: '45J' }, /camera suffix/],
    [{ code: '12' }, /not in the contravention code table/],
    [{ postedDate: '2024-06-01' }, /before the contravention/],
    [{ postedDate: '13/06/2024' }, /YYYY-MM-DD/],
    [{ contraventionUtcMs: Number.NaN }, /not a valid instant/],
  ])('rejects %j', (patch, message) => {
    const input = { code: '34J', area: 'england' as const, contraventionUtcMs: at('2024-06-11T07:15:00Z'), ...patch };
    expect(() => pcnDates(input)).toThrow(PcnDatesError);
    expect(() => pcnDates(input)).toThrow(message);
  });
});
