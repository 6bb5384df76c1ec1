import { describe, expect, it } from 'vitest';
import { DigestAuthenticator, digestAuthorization } from '../../../fixtures/onvif/http-digest-auth.js';

describe('HTTP digest (RFC 7616, MD5, qop=auth)', () => {
  const creds = { username: 'admin', password: 'pw' };

  it('verifies a client answer and refuses a replayed nonce count', () => {
    const auth = new DigestAuthenticator({ realm: 'ONVIF Camera' });
    const header = digestAuthorization({ challenge: auth.challenge(), ...creds, method: 'GET', uri: '/snap?x=1', nc: 1 });
    expect(auth.verify(header, 'GET', '/snap?x=1', creds)).toBe('ok');
    expect(auth.verify(header, 'GET', '/snap?x=1', creds)).toBe('bad');
  });

  it('refuses a wrong password, another URI, a forged nonce and no header', () => {
    const auth = new DigestAuthenticator({ realm: 'ONVIF Camera' });
    const challenge = auth.challenge();
    expect(auth.verify(digestAuthorization({ challenge, username: 'admin', password: 'x', method: 'GET', uri: '/a' }), 'GET', '/a', creds)).toBe('bad');
    expect(auth.verify(digestAuthorization({ challenge, ...creds, method: 'GET', uri: '/a' }), 'GET', '/b', creds)).toBe('bad');
    const forged = challenge.replace(/nonce="[^"]+"/, 'nonce="0123456789abcdef0123456789abcdef0123"');
    expect(auth.verify(digestAuthorization({ challenge: forged, ...creds, method: 'GET', uri: '/a' }), 'GET', '/a', creds)).toBe('bad');
    expect(auth.verify(undefined, 'GET', '/a', creds)).toBe('missing');
  });

  it('reports an expired nonce as stale', () => {
    const auth = new DigestAuthenticator({ realm: 'r', nonceLifetimeMs: -1 });
    const header = digestAuthorization({ challenge: auth.challenge(), ...creds, method: 'POST', uri: '/onvif/device_service' });
    expect(auth.verify(header, 'POST', '/onvif/device_service', creds)).toBe('stale');
  });
});
