import { describe, expect, it } from 'vitest';
import { CameraError, statusForCameraError } from '../../../main/cameras/camera-error.js';
import { classify } from '../../../main/cameras/onvif-client.js';
import { certificateWindow, daysUntil } from '../../../main/cameras/certificate-dates.js';
import { anprKeyMatches, newAnprKey } from '../../../main/cameras/anpr-key.js';

const A = '192.0.2.7:80';
const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('camera error classification', () => {
  it.each([
    [err('connect ECONNREFUSED', 'ECONNREFUSED'), null, 'unreachable'],
    [err('getaddrinfo ENOTFOUND cam', 'ENOTFOUND'), null, 'unreachable'],
    [err('Network timeout'), null, 'timeout'],
    [err('Parse Error: Expected HTTP/', 'HPE_INVALID_CONSTANT'), null, 'garbage'],
    [err('ONVIF SOAP Fault: Sender not Authorized'), null, 'bad-credentials'],
    [err('Digest authentication failed 401'), null, 'bad-credentials'],
    [err('ONVIF SOAP Fault: Optional Action Not Implemented'), null, 'not-onvif'],
    [err('Wrong ONVIF SOAP response'), { status: 404, body: '<html>Not found</html>' }, 'not-onvif'],
    [err('Wrong ONVIF SOAP response'), { status: 200, body: '<?xml version="1.0"?><foo/>' }, 'garbage'],
    [new TypeError("Cannot read properties of undefined (reading '0')"), { status: 200, body: '<?xml version="1.0"?><x/>' }, 'garbage'],
  ] as const)('%s → %s', (e, last, kind) => {
    const c = classify(e, A, last);
    expect(c).toBeInstanceOf(CameraError);
    expect(c.kind).toBe(kind);
    expect(c.message).toContain(A);
  });

  it('maps kinds to HTTP statuses', () => {
    expect(statusForCameraError('bad-credentials')).toBe(422);
    expect(statusForCameraError('timeout')).toBe(504);
    expect(statusForCameraError('unreachable')).toBe(502);
  });
});

describe('certificate validity window (whole UK days)', () => {
  it('runs from 00:00 UK on the first day to 23:59:59.999 UK on the last', () => {
    const w = certificateWindow('2025-01-01', '2025-06-30');
    if ('error' in w) throw new Error(w.error);
    expect(new Date(w.validFrom).toISOString()).toBe('2025-01-01T00:00:00.000Z'); // GMT
    expect(new Date(w.validTo).toISOString()).toBe('2025-06-30T22:59:59.999Z'); // BST
  });

  it('refuses impossible dates and an end before the start', () => {
    expect(certificateWindow('2025-02-30', '2025-03-01')).toMatchObject({ field: 'validFrom' });
    expect(certificateWindow('2025-03-01', '2025-02-01')).toMatchObject({ field: 'validTo', error: expect.stringMatching(/ends .* before it starts/) });
  });

  it('counts days left', () => {
    expect(daysUntil(Date.UTC(2025, 0, 31), Date.UTC(2025, 0, 1))).toBe(30);
    expect(daysUntil(Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 2))).toBe(-1);
  });
});

describe('ANPR keys', () => {
  it('are random, stored as a hash, and checked exactly', () => {
    const a = newAnprKey();
    const b = newAnprKey();
    expect(a.key).not.toBe(b.key);
    expect(a.hash).not.toContain(a.key);
    expect(anprKeyMatches(a.key, a.hash)).toBe(true);
    expect(anprKeyMatches(b.key, a.hash)).toBe(false);
    expect(anprKeyMatches('', a.hash)).toBe(false);
    expect(anprKeyMatches(a.key, null)).toBe(false);
  });
});
