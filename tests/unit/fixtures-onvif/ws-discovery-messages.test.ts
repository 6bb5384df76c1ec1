import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  buildProbe,
  buildProbeMatches,
  parseProbe,
  parseProbeMatches,
  probeMatchesRecord,
  type DiscoveryRecord,
} from '../../../fixtures/onvif/ws-discovery-messages.js';

const record: DiscoveryRecord = {
  endpointReference: 'urn:uuid:11111111-2222-3333-4444-555555555555',
  types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
  scopes: ['onvif://www.onvif.org/type/video_encoder', 'onvif://www.onvif.org/name/Cam%201'],
  xaddrs: ['http://127.0.0.1:8081/onvif/device_service'],
  metadataVersion: 1,
};

describe('WS-Discovery messages', () => {
  it('round-trips a Probe and its ProbeMatches', () => {
    const probe = parseProbe(buildProbe('urn:uuid:abc'));
    expect(probe).toMatchObject({ messageId: 'urn:uuid:abc', types: ['NetworkVideoTransmitter'] });
    const matches = parseProbeMatches(buildProbeMatches(record, 'urn:uuid:abc', { instanceId: 1, messageNumber: 1 }));
    expect(matches).toEqual([{ ...record, relatesTo: 'urn:uuid:abc' }]);
  });

  it('matches types by local name and scopes by path prefix', () => {
    const probe = parseProbe(buildProbe('urn:uuid:abc'));
    if (probe === undefined) throw new Error('no probe');
    expect(probeMatchesRecord(probe, record)).toBe(true);
    expect(probeMatchesRecord({ ...probe, types: ['Printer'] }, record)).toBe(false);
    expect(probeMatchesRecord({ ...probe, scopes: ['onvif://www.onvif.org/type'] }, record)).toBe(true);
    expect(probeMatchesRecord({ ...probe, scopes: ['onvif://www.onvif.org/name/Cam'] }, record)).toBe(false);
  });

  it('is read correctly by the onvif package discovery parser (one ProbeMatch per message)', async () => {
    // onvif's Discovery reads data.probeMatches.probeMatch.endpointReference.address and .XAddrs.
    const require = createRequire(import.meta.url);
    const utils = require('onvif/lib/utils.js') as {
      parseSOAPString: (xml: string, cb: (err: Error | null, data: unknown) => void, status: number) => void;
      linerase: (x: unknown) => { probeMatches: { probeMatch: { endpointReference: { address: string }; XAddrs: string } } };
    };
    const xml = buildProbeMatches(record, 'urn:uuid:abc', { instanceId: 1, messageNumber: 1 });
    const data = await new Promise<unknown>((resolve, reject) =>
      utils.parseSOAPString(xml, (err, d) => (err ? reject(err) : resolve(d)), 200),
    );
    const match = utils.linerase(data).probeMatches.probeMatch;
    expect(match.endpointReference.address).toBe(record.endpointReference);
    expect(match.XAddrs).toBe(record.xaddrs[0]);
  });

  it('ignores hostile or junk datagrams', () => {
    expect(parseProbe('<!DOCTYPE x [<!ENTITY a "b">]><Envelope/>')).toBeUndefined();
    expect(parseProbe('not xml')).toBeUndefined();
    expect(parseProbeMatches('<Envelope><Body/></Envelope>')).toEqual([]);
  });
});
