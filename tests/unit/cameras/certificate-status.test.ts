import { describe, expect, it } from 'vitest';
import { certificateLabel, certificateState } from '../../../renderer/src/pages/cameras/certificate-status.js';

const DAY = 86_400_000;
const now = Date.UTC(2025, 5, 15, 12);
const cert = (fromDays: number, toDays: number) => ({
  id: 1,
  cameraId: 1,
  certificateNumber: 'VCA/1',
  issuer: 'Vehicle Certification Agency',
  typeApprovalRef: null,
  validFrom: now + fromDays * DAY,
  validTo: now + toDays * DAY,
  createdAt: 0,
  createdBy: 'admin',
});

describe('certificate status on the Cameras page', () => {
  it('warns from 30 days before the end, and flags expired, missing and not-yet-valid certificates', () => {
    expect(certificateLabel(certificateState(cert(-100, 200), now))).toEqual({ tone: 'ok', text: 'Valid (200 days left)' });
    expect(certificateLabel(certificateState(cert(-100, 31), now)).tone).toBe('ok');
    expect(certificateLabel(certificateState(cert(-100, 30), now))).toEqual({ tone: 'warn', text: 'Expires in 30 days' });
    expect(certificateLabel(certificateState(cert(-100, 1), now))).toEqual({ tone: 'warn', text: 'Expires in 1 day' });
    expect(certificateLabel(certificateState(cert(-100, -3), now))).toEqual({ tone: 'danger', text: 'Expired 3 days ago' });
    expect(certificateLabel(certificateState(null, now))).toEqual({ tone: 'danger', text: 'No certificate' });
    expect(certificateLabel(certificateState(cert(2, 300), now))).toEqual({ tone: 'warn', text: 'Starts in 2 days' });
  });
});
