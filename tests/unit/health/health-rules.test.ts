import { describe, expect, it } from 'vitest';
import { cameraStatus, clockVerdict, recordingVerdict, storageVerdict, streamVerdict, worse } from '../../../main/health/health-rules.js';

/** The status rules: what each probe's numbers mean, and how a camera's status follows from its latest results. */
describe('health status rules', () => {
  it('clock: within ±10 s is ok, beyond is degraded with the drift and the limit, unreadable is degraded', () => {
    expect(clockVerdict(9.9, 10).status).toBe('ok');
    expect(clockVerdict(-10, 10).status).toBe('ok');
    expect(clockVerdict(10.4, 10)).toEqual({ status: 'degraded', fault: 'clock-drift', reason: 'camera clock is ahead by 10.4 s (limit ±10 s)' });
    expect(clockVerdict(-45, 10).reason).toBe('camera clock is behind by 45.0 s (limit ±10 s)');
    expect(clockVerdict(null, 10)).toMatchObject({ status: 'degraded', fault: 'clock-unreadable' });
    expect(clockVerdict(Number.NaN, 10).fault).toBe('clock-unreadable');
  });

  it('stream: no video is garbage, below the minimum frame rate is low-frame-rate, else ok', () => {
    const good = { codec: 'h264', width: 1280, height: 720, fps: 25, bitRate: 2e6, packets: 50 };
    expect(streamVerdict(good, 5).status).toBe('ok');
    expect(streamVerdict({ ...good, fps: 5 }, 5).status).toBe('ok');
    expect(streamVerdict({ ...good, fps: 2 }, 5)).toEqual({ status: 'degraded', fault: 'low-frame-rate', reason: 'stream is 2.0 frames/s (at least 5 required)' });
    expect(streamVerdict({ ...good, packets: 0 }, 5)).toMatchObject({ status: 'degraded', fault: 'garbage' });
    expect(streamVerdict({ ...good, codec: null }, 5).fault).toBe('garbage');
    expect(streamVerdict({ ...good, fps: null }, 5)).toMatchObject({ fault: 'garbage', reason: 'stream frame rate could not be measured' });
  });

  it('recording: stale beyond the limit; a camera never recorded here is not judged', () => {
    expect(recordingVerdict(null, 120).status).toBe('ok');
    expect(recordingVerdict(120, 120).status).toBe('ok');
    expect(recordingVerdict(600.4, 120)).toEqual({ status: 'degraded', fault: 'recording-stale', reason: 'newest recording is 600 s old (limit 120 s)' });
  });

  it('storage: low below the minimum, in GiB for people', () => {
    const GiB = 1024 ** 3;
    expect(storageVerdict(null, 5 * GiB).status).toBe('ok');
    expect(storageVerdict(6 * GiB, 5 * GiB).status).toBe('ok');
    expect(storageVerdict(2 * GiB, 5 * GiB)).toEqual({ status: 'degraded', fault: 'storage-low', reason: '2.0 GiB free on the recording disk (at least 5.0 GiB wanted)' });
  });

  it('the worse status wins: down > degraded > ok > unknown', () => {
    expect(worse('ok', 'degraded')).toBe('degraded');
    expect(worse('down', 'degraded')).toBe('down');
    expect(worse('unknown', 'ok')).toBe('ok');
    expect(worse('ok', 'unknown')).toBe('ok');
  });

  it("a camera's status is its worst latest result, keeping every non-ok reason with its probe", () => {
    expect(cameraStatus([])).toEqual({ status: 'unknown', reasons: ['not probed yet'] });
    expect(cameraStatus([{ kind: 'network', status: 'ok', reason: null }, { kind: 'clock', status: 'ok', reason: null }])).toEqual({ status: 'ok', reasons: [] });
    expect(
      cameraStatus([
        { kind: 'network', status: 'ok', reason: null },
        { kind: 'clock', status: 'degraded', reason: 'camera clock is ahead by 45.0 s (limit ±10 s)' },
        { kind: 'picture', status: 'degraded', reason: null },
      ]),
    ).toEqual({ status: 'degraded', reasons: ['clock: camera clock is ahead by 45.0 s (limit ±10 s)', 'picture: degraded'] });
    expect(cameraStatus([{ kind: 'clock', status: 'degraded', reason: 'x' }, { kind: 'network', status: 'down', reason: 'camera unreachable' }]).status).toBe('down');
  });
});
