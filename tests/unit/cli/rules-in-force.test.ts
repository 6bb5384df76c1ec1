import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/command.js';
import { rulesInForceCommand } from '../../../main/cli/commands/rules-in-force.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('cctv rules in-force', () => {
  it('is registered as `rules in-force`', () => {
    expect(rulesInForceCommand.path).toEqual(['rules', 'in-force']);
  });

  it.each([
    [['--schedule', 'Mon-Fri 7-10am', '--at', '2024-06-11T07:15:00Z'], { inForce: true, why: 'Mon-Fri 7-10am: Tuesday 2024-06-11 08:15 BST is within 07:00-10:00' }],
    // No offset: UK local time.
    [['--schedule', 'Mon-Fri 7-10am', '--at', '2024-06-11T10:15'], { inForce: false }],
    [['--schedule', 'Mon-Fri 7-10am', '--at', '2024-06-11T09:59'], { inForce: true }],
    [['--schedule', 'Mon-Sat 7am-7pm except bank holidays', '--at', '2024-04-01T10:00'], { inForce: false }],
    [['--schedule', 'Mon-Sat 7am-7pm except bank holidays', '--at', '2024-04-01T10:00', '--region', 'scotland'], { inForce: true }],
    [['--schedule', 'Mon-Sat 7am-7pm except bank holidays', '--at', '2024-05-08T10:00', '--holiday', '2024-05-08'], { inForce: false }],
  ])('%j', async (argv, expected) => {
    const t = io();
    expect(await rulesInForceCommand.run(argv, t.io)).toBe(0);
    expect(JSON.parse(t.out[0]!)).toEqual(expect.objectContaining(expected));
    expect(Object.keys(JSON.parse(t.out[0]!)).sort()).toEqual(['inForce', 'why']);
  });

  it.each([
    [['--schedule', 'Mon-Fry 7am-7pm', '--at', '2024-06-11T10:00'], /column 5: "Fry" is not a day/],
    [['--schedule', 'Mon-Fri 7am-7pm', '--at', 'tuesday'], /--at "tuesday" is not an ISO 8601 time/],
  ])('bad input %j → exit 2 with a message', async (argv, message) => {
    const t = io();
    expect(await rulesInForceCommand.run(argv, t.io)).toBe(2);
    expect(t.out).toEqual([]);
    expect(t.err.join('\n')).toMatch(message);
  });

  it.each([
    [['--at', '2024-06-11T10:00'], /--schedule/],
    [['--schedule', 'At any time'], /--at/],
    [['--schedule', 'At any time', '--at', '2024-06-11T10:00', '--region', 'wales'], /--region must be one of/],
    [['--schedule', 'At any time', '--at', '2024-06-11T10:00', 'extra'], /unexpected argument/],
  ])('usage error for %j', async (argv, message) => {
    await expect(rulesInForceCommand.run(argv, io().io)).rejects.toThrow(UsageError);
    await expect(rulesInForceCommand.run(argv, io().io)).rejects.toThrow(message);
  });
});
