import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../main/cli/parse-flags.js';

describe('parseFlags', () => {
  const spec = { values: ['data', 'at'], booleans: ['json'] };
  it('reads values in both spellings, booleans and positionals', () => {
    expect(parseFlags(['x', '--data', '/d', '--at=2026-01-01T00:00:00Z', '--json', 'y'], spec)).toEqual({
      flags: { data: '/d', at: '2026-01-01T00:00:00Z', json: true },
      positional: ['x', 'y'],
    });
  });
  it.each([
    [['--nope'], /unknown option --nope/],
    [['--data'], /--data needs a value/],
    [['--data', '--json'], /--data needs a value/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseFlags(argv, spec)).toThrow(message);
  });
});
