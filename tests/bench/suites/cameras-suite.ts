import onvif from 'onvif';
import { XMLParser } from 'fast-xml-parser';
import { OnvifDeviceSimulator } from '../../../fixtures/onvif/onvif-device-simulator.js';
import { buildProbeMatches } from '../../../fixtures/onvif/ws-discovery-messages.js';
import { OnvifClient } from '../../../main/cameras/onvif-client.js';
import { parseProbeMatches } from '../../../main/cameras/discovery-xml.js';
import { percentile, type BenchSuite, type Figure } from '../figure.js';

const USER = 'bench';
const PASS = 'bench-pass';

/** Connect + device information with the bare `onvif` package: the same SOAP exchanges, none of our guards. */
function rawConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const cam = new onvif.Cam({ hostname: '127.0.0.1', port, username: USER, password: PASS, timeout: 5000, preserveAddress: true }, (err) => {
      if (err) return reject(err);
      cam.getDeviceInformation((e) => (e ? reject(e) : resolve()));
    });
  });
}

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The cameras feature's own costs: our ONVIF client (deadlines, error typing)
 * against the bare package doing the same exchanges with the simulated camera,
 * and the hardened discovery parser against a plain fast-xml-parser parse.
 */
export const camerasSuite: BenchSuite = {
  name: 'cameras',
  async run(): Promise<Figure[]> {
    const sim = new OnvifDeviceSimulator({ username: USER, password: PASS, streamUris: { main: 'rtsp://127.0.0.1:8554/bench' } });
    await sim.start();
    try {
      const ours = async () => {
        const c = await OnvifClient.connect({ host: '127.0.0.1', port: sim.port, username: USER, password: PASS });
        await c.deviceInformation();
      };
      await timeEach(20, ours);
      await timeEach(20, () => rawConnect(sim.port));
      // Interleaved, so load from other work on the machine falls on both alike.
      const raw: number[] = [];
      const mine: number[] = [];
      for (let i = 0; i < 100; i++) {
        raw.push(...(await timeEach(1, () => rawConnect(sim.port))));
        mine.push(...(await timeEach(1, ours)));
      }
      raw.sort((a, b) => a - b);
      mine.sort((a, b) => a - b);

      const xml = buildProbeMatches(
        { endpointReference: 'urn:uuid:0b9c2c1e-0000-4000-8000-000000000001', types: ['dn:NetworkVideoTransmitter'], scopes: ['onvif://www.onvif.org/name/Bench', 'onvif://www.onvif.org/hardware/X'], xaddrs: ['http://192.0.2.1/onvif/device_service'], metadataVersion: 1 },
        'urn:uuid:probe',
        { instanceId: 1, messageNumber: 1 },
      );
      const plain = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true });
      const n = 20_000;
      let t = performance.now();
      for (let i = 0; i < n; i++) plain.parse(xml);
      const plainPerS = n / ((performance.now() - t) / 1000);
      t = performance.now();
      for (let i = 0; i < n; i++) parseProbeMatches(xml);
      const oursPerS = n / ((performance.now() - t) / 1000);

      return [
        { name: 'onvif.connect_info_median_ms', value: percentile(mine, 50), unit: 'ms', baseline: percentile(raw, 50), baselineLabel: 'bare onvif package', goal: 'guards add ≤ 10%' },
        { name: 'onvif.connect_info_p99_ms', value: percentile(mine, 99), unit: 'ms', baseline: percentile(raw, 99), baselineLabel: 'bare onvif package' },
        { name: 'discovery.parse_per_s', value: Math.round(oursPerS), unit: '/s', baseline: Math.round(plainPerS), baselineLabel: 'plain fast-xml-parser', goal: 'far above any LAN’s replies (hundreds)' },
      ];
    } finally {
      await sim.stop();
    }
  },
};
