import { describe, expect, it } from 'vitest';
import { actionForKey, formatRate, nextRate, nextShuttle, playbackRates, playerKeyBindings } from '../../../renderer/src/player/player-keys.js';

const press = (key: string, shiftKey = false) => actionForKey({ key, shiftKey });

describe('player keys', () => {
  it('maps the review keys: arrows, J/K/L, space, I and O, rate and zoom', () => {
    expect(press('ArrowRight')).toBe('step-forward');
    expect(press('ArrowLeft')).toBe('step-back');
    expect(press('ArrowRight', true)).toBe('second-forward');
    expect(press('ArrowLeft', true)).toBe('second-back');
    expect(press(' ')).toBe('toggle-play');
    expect(press('j')).toBe('shuttle-reverse');
    expect(press('J')).toBe('shuttle-reverse'); // caps lock
    expect(press('k')).toBe('pause');
    expect(press('l')).toBe('shuttle-forward');
    expect(press('i')).toBe('mark-in');
    expect(press('o')).toBe('mark-out');
    expect(press('[')).toBe('rate-down');
    expect(press(']')).toBe('rate-up');
    expect(press('+')).toBe('zoom-in');
    expect(press('=')).toBe('zoom-in');
    expect(press('-')).toBe('zoom-out');
    expect(press('0')).toBe('zoom-reset');
    expect(press('x')).toBeUndefined();
    expect(press('j', true)).toBeUndefined(); // Shift+J is not J
  });

  it('binds each action once, so help and handler cannot disagree', () => {
    const actions = playerKeyBindings.map((b) => b.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const b of playerKeyBindings) expect(b.keys.length).toBeGreaterThan(0);
  });

  it('plays from 1/8× to 16× and stops at both ends', () => {
    expect(playbackRates[0]).toBe(0.125);
    expect(playbackRates.at(-1)).toBe(16);
    expect(nextRate(1, 1)).toBe(2);
    expect(nextRate(1, -1)).toBe(0.5);
    expect(nextRate(16, 1)).toBe(16);
    expect(nextRate(0.125, -1)).toBe(0.125);
    expect(nextRate(3, 1)).toBe(8); // between offered rates: from the next one up
  });

  it('shuttles: L doubles forwards, J doubles backwards, a change of direction starts at 1×', () => {
    let s = 0;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push((s = nextShuttle(s, 1)));
    expect(seen).toEqual([1, 2, 4, 8, 16, 16]);
    expect(nextShuttle(s, -1)).toBe(-1);
    expect(nextShuttle(-1, -1)).toBe(-2);
    expect(nextShuttle(-16, -1)).toBe(-16);
    expect(nextShuttle(-4, 1)).toBe(1);
  });

  it('writes rates as an officer reads them', () => {
    expect(formatRate(1)).toBe('1×');
    expect(formatRate(16)).toBe('16×');
    expect(formatRate(0.125)).toBe('1/8×');
    expect(formatRate(-0.5)).toBe('−1/2×');
  });
});
