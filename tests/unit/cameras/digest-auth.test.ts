import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, chooseChallenge, digestAuthorization, parseAuthParams } from '../../../main/cameras/digest-auth.js';
import { DigestAuthenticator } from '../../../fixtures/onvif/http-digest-auth.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('HTTP digest client auth', () => {
  it('matches the RFC 2617 §3.5 worked example (MD5, qop=auth)', () => {
    const challenge = chooseChallenge(['Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"']);
    expect(challenge?.scheme).toBe('digest');
    if (challenge?.scheme !== 'digest') throw new Error('no digest');
    const header = digestAuthorization({ challenge: challenge.challenge, username: 'Mufasa', password: 'Circle Of Life', method: 'GET', uri: '/dir/index.html', nc: 1, cnonce: '0a4f113b' });
    const p = parseAuthParams(header);
    expect(p.response).toBe('6629fae49393a05397450978507c4ef1');
    expect(p).toMatchObject({ username: 'Mufasa', realm: 'testrealm@host.com', uri: '/dir/index.html', qop: 'auth', nc: '00000001', cnonce: '0a4f113b', opaque: '5ccc069c403ebaf9f0171e9517f40e41' });
  });

  it('answers an RFC 2069 challenge (no qop)', () => {
    const c = chooseChallenge(['Digest realm="cam", nonce="abc"']);
    if (c?.scheme !== 'digest') throw new Error('no digest');
    const p = parseAuthParams(digestAuthorization({ challenge: c.challenge, username: 'u', password: 'p', method: 'GET', uri: '/snap' }));
    expect(p.response).toBe(md5(`${md5('u:cam:p')}:abc:${md5('GET:/snap')}`));
    expect(p.qop).toBeUndefined();
  });

  it('prefers SHA-256 over MD5 when a camera offers both, and digest over basic', () => {
    const c = chooseChallenge(['Basic realm="x"', 'Digest realm="r", nonce="n1", qop="auth"', 'Digest realm="r", nonce="n2", qop="auth", algorithm=SHA-256']);
    expect(c?.scheme === 'digest' && c.challenge.nonce).toBe('n2');
    if (c?.scheme !== 'digest') throw new Error('no digest');
    const header = digestAuthorization({ challenge: c.challenge, username: 'u', password: 'p', method: 'GET', uri: '/s', cnonce: 'c' });
    expect(header).toMatch(/algorithm=SHA-256/);
    expect(parseAuthParams(header).response).toHaveLength(64);
    expect(chooseChallenge(['Basic realm="x"'])).toEqual({ scheme: 'basic' });
    expect(chooseChallenge(['Bearer'])).toBeUndefined();
    expect(basicAuthorization('u', 'p')).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('is accepted by the simulated camera’s digest verifier, and refused with a wrong password', () => {
    const server = new DigestAuthenticator({ realm: 'ONVIF Camera' });
    const c = chooseChallenge([server.challenge()]);
    if (c?.scheme !== 'digest') throw new Error('no digest');
    const uri = '/onvif/snapshot?profile=Profile_1';
    const good = digestAuthorization({ challenge: c.challenge, username: 'officer', password: 'pw', method: 'GET', uri });
    expect(server.verify(good, 'GET', uri, { username: 'officer', password: 'pw' })).toBe('ok');
    const bad = digestAuthorization({ challenge: c.challenge, username: 'officer', password: 'nope', method: 'GET', uri, nc: 2 });
    expect(server.verify(bad, 'GET', uri, { username: 'officer', password: 'pw' })).toBe('bad');
  });

  it('escapes quotes in a username', () => {
    const c = chooseChallenge(['Digest realm="r", nonce="n"']);
    if (c?.scheme !== 'digest') throw new Error('no digest');
    const header = digestAuthorization({ challenge: c.challenge, username: 'a"b', password: 'p', method: 'GET', uri: '/' });
    expect(parseAuthParams(header).username).toBe('a"b');
  });
});
