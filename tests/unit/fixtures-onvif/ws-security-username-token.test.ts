import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseUntrustedXml, type XmlElement } from '../../../fixtures/onvif/untrusted-xml.js';
import { NonceReplayCache, passwordDigest, verifyUsernameToken } from '../../../fixtures/onvif/ws-security-username-token.js';

const DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

function security(opts: { user?: string; password: string; created: string; nonce?: Buffer; type?: string }): XmlElement {
  const nonce = opts.nonce ?? randomBytes(16);
  const pw = opts.type === TEXT ? opts.password : passwordDigest(nonce, opts.created, opts.password);
  const xml =
    '<Security xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><UsernameToken>' +
    `<Username>${opts.user ?? 'admin'}</Username><Password Type="${opts.type ?? DIGEST}">${pw}</Password>` +
    `<Nonce>${nonce.toString('base64')}</Nonce><Created>${opts.created}</Created></UsernameToken></Security>`;
  const parsed = parseUntrustedXml(xml);
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.root;
}

describe('WS-Security UsernameToken', () => {
  const now = Date.parse('2025-06-02T08:00:00Z');
  const check = (nonces = new NonceReplayCache(600_000)) => ({ username: 'admin', password: 'pw', deviceNowMs: now, maxSkewS: 300, nonces });

  it('accepts a correct digest and rejects its replay', () => {
    const nonces = new NonceReplayCache(600_000);
    const token = security({ password: 'pw', created: '2025-06-02T08:00:10Z' });
    expect(verifyUsernameToken(token, check(nonces))).toBe('ok');
    expect(verifyUsernameToken(token, check(nonces))).toBe('replayed-nonce');
  });

  it('rejects wrong password, wrong user, stale Created and plain-text passwords', () => {
    expect(verifyUsernameToken(security({ password: 'nope', created: '2025-06-02T08:00:00Z' }), check())).toBe('bad-password');
    expect(verifyUsernameToken(security({ user: 'bob', password: 'pw', created: '2025-06-02T08:00:00Z' }), check())).toBe('unknown-user');
    expect(verifyUsernameToken(security({ password: 'pw', created: '2025-06-02T07:50:00Z' }), check())).toBe('stale-created');
    expect(verifyUsernameToken(security({ password: 'pw', created: '2025-06-02T08:00:00Z', type: TEXT }), check())).toBe('password-text-refused');
  });
});
