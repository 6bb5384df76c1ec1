import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/command.js';
import { rulesPcnDatesCommand } from '../../../main/cli/commands/rules-pcn-dates.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('cctv rules pcn-dates', () => {
  it('is registered as `rules pcn-dates`', () => {
    expect(rulesPcnDatesCommand.path).toEqual(['rules', 'pcn-dates']);
  });

  it('England bus lane, posted (dates worked by hand)', async () => {
    const t = io();
    const argv = ['--code', '34J', '--area', 'england', '--contravention', '2024-06-11T08:15', '--posted', '2024-06-13'];
    expect(await rulesPcnDatesCommand.run(argv, t.io)).toBe(0);
    expect(JSON.parse(t.out[0]!)).toMatchObject({
      serviceBy: '2024-07-08',
      deemedService: '2024-06-17',
      discountUntil: '2024-07-07',
      representationsUntil: '2024-07-14',
      chargeCertificateFrom: '2024-07-15',
    });
  });

  it('23:30 UTC in summer is the next UK date', async () => {
    const t = io();
    expect(await rulesPcnDatesCommand.run(['--code', '31J', '--area', 'england', '--contravention', '2024-06-11T23:30:00Z'], t.io)).toBe(0);
    const r = JSON.parse(t.out[0]!);
    expect(r).toMatchObject({ contraventionDate: '2024-06-12', serviceBy: '2024-07-09', deemedService: null });
    for (const k of ['discountUntil', 'chargeCertificateFrom', 'representationsUntil']) expect(r[k]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('London counts from the date of the notice', async () => {
    const t = io();
    await rulesPcnDatesCommand.run(['--code', '31J', '--area', 'london', '--contravention', '2024-06-11T10:30Z', '--posted', '2024-06-13'], t.io);
    expect(JSON.parse(t.out[0]!)).toMatchObject({ discountUntil: '2024-06-26', representationsUntil: '2024-07-10' });
  });

  it.each([
    [['--code', '45J', '--area', 'england', '--contravention', '2024-06-11T08:15'], /does not take the camera suffix/],
    [['--code', '34J', '--area', 'england', '--contravention', 'last tuesday'], /is not an ISO 8601 time/],
    [['--code', '34J', '--area', 'england', '--contravention', '2024-06-11T08:15', '--posted', '13/06/2024'], /--posted must be a date/],
    [['--code', '34J', '--area', 'england', '--contravention', '2024-06-11T08:15', '--posted', '2024-06-01'], /before the contravention/],
  ])('bad input %j → exit 2 with a message', async (argv, message) => {
    const t = io();
    expect(await rulesPcnDatesCommand.run(argv, t.io)).toBe(2);
    expect(t.out).toEqual([]);
    expect(t.err.join('\n')).toMatch(message);
  });

  it.each([
    [['--area', 'england', '--contravention', '2024-06-11T08:15'], /--code/],
    [['--code', '34J', '--contravention', '2024-06-11T08:15'], /--area/],
    [['--code', '34J', '--area', 'england'], /--contravention/],
    [['--code', '34J', '--area', 'scotland', '--contravention', '2024-06-11T08:15'], /--area must be one of london, england, wales/],
  ])('usage error for %j', async (argv, message) => {
    await expect(rulesPcnDatesCommand.run(argv, io().io)).rejects.toThrow(UsageError);
    await expect(rulesPcnDatesCommand.run(argv, io().io)).rejects.toThrow(message);
  });
});
