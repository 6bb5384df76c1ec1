import { describe, expect, it } from 'vitest';
import { buildProbe, parseProbeMatches, summariseScopes, MAX_DISCOVERY_XML_BYTES } from '../../../main/cameras/discovery-xml.js';
import { buildProbeMatches, parseProbe } from '../../../fixtures/onvif/ws-discovery-messages.js';

const record = {
  endpointReference: 'urn:uuid:11111111-2222-3333-4444-555555555555',
  types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
  scopes: [
    'onvif://www.onvif.org/type/video_encoder',
    'onvif://www.onvif.org/name/Cam%201%20High%20St',
    'onvif://www.onvif.org/hardware/SC-ANPR-720',
    'onvif://www.onvif.org/location/High%20Street%20bus%20gate',
  ],
  xaddrs: ['http://127.0.0.1:8080/onvif/device_service', 'http://[fe80::1]/onvif/device_service'],
  metadataVersion: 1,
};

describe('WS-Discovery XML', () => {
  it('builds a Probe that a device recognises (for NetworkVideoTransmitter)', () => {
    const probe = parseProbe(buildProbe('urn:uuid:abc'));
    expect(probe).toMatchObject({ messageId: 'urn:uuid:abc', types: ['NetworkVideoTransmitter'] });
  });

  it('reads a ProbeMatches: endpoint, XAddrs, scopes and RelatesTo', () => {
    const xml = buildProbeMatches(record, 'urn:uuid:abc', { instanceId: 1, messageNumber: 1 });
    const r = parseProbeMatches(xml);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({ endpoint: record.endpointReference, xaddrs: record.xaddrs, scopes: record.scopes, relatesTo: 'urn:uuid:abc' });
    expect(summariseScopes(r.matches[0]!.scopes)).toEqual({ name: 'Cam 1 High St', hardware: 'SC-ANPR-720', location: 'High Street bus gate' });
  });

  it('reads several ProbeMatch elements in one message and drops ones without an endpoint', () => {
    const xml =
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing">' +
      '<e:Body><d:ProbeMatches>' +
      '<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:1</a:Address></a:EndpointReference><d:XAddrs>http://192.0.2.1/onvif/device_service javascript:alert(1)</d:XAddrs></d:ProbeMatch>' +
      '<d:ProbeMatch><d:XAddrs>http://192.0.2.2/x</d:XAddrs></d:ProbeMatch>' +
      '<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:3</a:Address></a:EndpointReference></d:ProbeMatch>' +
      '</d:ProbeMatches></e:Body></e:Envelope>';
    const r = parseProbeMatches(xml);
    expect(r.ok && r.matches.map((m) => [m.endpoint, m.xaddrs])).toEqual([
      ['urn:uuid:1', ['http://192.0.2.1/onvif/device_service']],
      ['urn:uuid:3', []],
    ]);
  });

  it('refuses a billion-laughs document without expanding it', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
      '<Envelope><Body><ProbeMatches><ProbeMatch><EndpointReference><Address>&lol3;</Address></EndpointReference></ProbeMatch></ProbeMatches></Body></Envelope>';
    expect(parseProbeMatches(lol)).toMatchObject({ ok: false, reason: 'dtd' });
  });

  it('refuses external entities (XXE)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Envelope><Body>&x;</Body></Envelope>';
    const r = parseProbeMatches(xxe);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('root:');
  });

  it('does not expand entity references even without a DTD', () => {
    const xml =
      '<Envelope><Body><ProbeMatches><ProbeMatch><EndpointReference><Address>urn:uuid:&amp;x</Address></EndpointReference>' +
      '<Scopes>onvif://www.onvif.org/name/&lt;b&gt;</Scopes></ProbeMatch></ProbeMatches></Body></Envelope>';
    const r = parseProbeMatches(xml);
    expect(r.ok && r.matches[0]!.endpoint).toBe('urn:uuid:&amp;x');
  });

  it.each([
    ['empty', ''],
    ['not XML', '\u0000\u0001garbage'],
    ['unclosed', '<Envelope><Body><ProbeMatches>'],
    ['a Probe, not ProbeMatches', buildProbe('urn:uuid:x')],
    ['too deep', `${'<a>'.repeat(200)}${'</a>'.repeat(200)}`],
    ['too large', `<Envelope>${'x'.repeat(MAX_DISCOVERY_XML_BYTES)}</Envelope>`],
  ])('gives a reason, never an exception, for %s', (_name, input) => {
    expect(() => parseProbeMatches(input)).not.toThrow();
    expect(parseProbeMatches(input).ok).toBe(false);
  });

  it('summarises scopes without names, and strips control characters', () => {
    expect(summariseScopes([])).toEqual({ name: null, hardware: null, location: null });
    expect(summariseScopes(['onvif://www.onvif.org/name/a%0Ab', 'onvif://www.onvif.org/location/country/uk', 'onvif://www.onvif.org/location/city/York'])).toEqual({
      name: 'ab',
      hardware: null,
      location: 'country/uk, city/York',
    });
  });
});
