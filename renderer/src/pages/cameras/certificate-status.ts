/** Warn this many days before a certificate ends: time to arrange re-certification. */
export const CERTIFICATE_WARNING_DAYS = 30;

export type CertificateState =
  | { kind: 'none' }
  | { kind: 'valid'; daysLeft: number }
  | { kind: 'expiring'; daysLeft: number }
  | { kind: 'expired'; daysAgo: number }
  | { kind: 'not-yet'; daysUntil: number };

const DAY = 86_400_000;

/**
 * Whether a camera's evidence is backed by an approved-device certificate now
 * (SI 2022/71 Sch. 1): PCNs from a camera without one in force are refused.
 * Typed structurally (no import) so the Node tests can check this rule too.
 */
export function certificateState(cert: { validFrom: number; validTo: number } | null, now: number = Date.now()): CertificateState {
  if (!cert) return { kind: 'none' };
  if (now < cert.validFrom) return { kind: 'not-yet', daysUntil: Math.ceil((cert.validFrom - now) / DAY) };
  if (now > cert.validTo) return { kind: 'expired', daysAgo: Math.floor((now - cert.validTo) / DAY) };
  const daysLeft = Math.floor((cert.validTo - now) / DAY);
  return daysLeft <= CERTIFICATE_WARNING_DAYS ? { kind: 'expiring', daysLeft } : { kind: 'valid', daysLeft };
}

export function certificateLabel(s: CertificateState): { tone: 'ok' | 'warn' | 'danger' | 'neutral'; text: string } {
  switch (s.kind) {
    case 'none':
      return { tone: 'danger', text: 'No certificate' };
    case 'valid':
      return { tone: 'ok', text: `Valid (${s.daysLeft} days left)` };
    case 'expiring':
      return { tone: 'warn', text: s.daysLeft === 0 ? 'Expires today' : `Expires in ${s.daysLeft} day${s.daysLeft === 1 ? '' : 's'}` };
    case 'expired':
      return { tone: 'danger', text: s.daysAgo === 0 ? 'Expired today' : `Expired ${s.daysAgo} day${s.daysAgo === 1 ? '' : 's'} ago` };
    case 'not-yet':
      return { tone: 'warn', text: `Starts in ${s.daysUntil} day${s.daysUntil === 1 ? '' : 's'}` };
  }
}
