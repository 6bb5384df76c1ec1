import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/command.js';
import { vrmCommand } from '../../../main/cli/commands/vrm.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('cctv vrm', () => {
  it('is registered as `vrm`', () => {
    expect(vrmCommand.path).toEqual(['vrm']);
  });

  it.each([
    [['ab12 cde', '--as-of', '2024-06-01'], { input: 'ab12 cde', normalised: 'AB12CDE', format: 'current', valid: true, display: 'AB12 CDE' }],
    [['AB12', 'CDE', '--as-of=2024-06-01'], { input: 'AB12 CDE', normalised: 'AB12CDE', format: 'current', valid: true }],
    [['AB74CDE', '--as-of', '2024-08-31'], { format: 'current', valid: false }],
    [['123 D 456'], { format: 'diplomatic', valid: true, display: '123 D 456' }],
    [['WOB 1234X'], { format: 'unknown', valid: false }],
  ])('%j', async (argv, expected) => {
    const t = io();
    expect(await vrmCommand.run(argv, t.io)).toBe(0);
    expect(t.out).toHaveLength(1);
    expect(JSON.parse(t.out[0]!)).toMatchObject(expected);
  });

  it('prints suggestions, never applying them', async () => {
    const t = io();
    await vrmCommand.run(['A812CDE', '--as-of', '2024-06-01'], t.io);
    const r = JSON.parse(t.out[0]!);
    expect(r.normalised).toBe('A812CDE');
    expect(r.suggestions.map((s: { vrm: string }) => s.vrm)).toEqual(['AB12CDE']);
  });

  it.each([
    [[], /give the registration mark/],
    [['AB12CDE', '--as-of', 'yesterday'], /--as-of must be a date/],
    [['AB12CDE', '--frobnicate'], /unknown option --frobnicate/],
  ])('usage error for %j', async (argv, message) => {
    await expect(vrmCommand.run(argv, io().io)).rejects.toThrow(UsageError);
    await expect(vrmCommand.run(argv, io().io)).rejects.toThrow(message);
  });
});
