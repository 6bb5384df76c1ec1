import { describe, expect, it } from 'vitest';
import { DeviceClock } from '../../../fixtures/onvif/device-clock.js';

describe('device clock', () => {
  it('reports UK local time across the clock change', () => {
    const clock = new DeviceClock();
    const summer = clock.parts(Date.parse('2025-06-02T07:45:12Z'));
    expect(summer.local).toMatchObject({ hour: 8, minute: 45 });
    expect(summer.utc).toMatchObject({ hour: 7 });
    expect(summer.daylightSavings).toBe(true);
    const winter = clock.parts(Date.parse('2025-12-02T07:45:12Z'));
    expect(winter.local.hour).toBe(7);
    expect(winter.daylightSavings).toBe(false);
  });

  it('applies a run-time offset', () => {
    const clock = new DeviceClock(10);
    expect(clock.nowMs() - Date.now()).toBeGreaterThanOrEqual(9_990);
    clock.setOffset(-90);
    expect(Math.round((clock.nowMs() - Date.now()) / 1000)).toBe(-90);
    expect(() => clock.setOffset(Number.NaN)).toThrow();
  });
});
