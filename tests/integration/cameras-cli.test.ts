import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camerasDiscoverCommand } from '../../main/cli/commands/cameras-discover.js';
import { UsageError } from '../../main/cli/command.js';
import { OnvifDeviceSimulator } from '../../fixtures/onvif/onvif-device-simulator.js';
import { WsDiscoveryResponder } from '../../fixtures/onvif/ws-discovery-responder.js';

describe('cctv cameras discover', () => {
  const sim = new OnvifDeviceSimulator({ username: 'u', password: 'p', name: 'CLI cam', streamUris: { main: 'rtsp://127.0.0.1:8554/x' } });
  const responder = new WsDiscoveryResponder({ port: 0 });

  beforeAll(async () => {
    await sim.start();
    responder.add(sim);
    await responder.start();
  });
  afterAll(async () => {
    await responder.stop();
    await sim.stop();
  });

  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await camerasDiscoverCommand.run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prints the cameras that answered on the given targets as JSON', async () => {
    const r = await run(['--targets', `127.0.0.1:${responder.port}`, '--no-multicast', '--timeout', '300']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { devices: { name: string; endpoint: string }[] };
    expect(json.devices).toEqual([expect.objectContaining({ name: 'CLI cam', endpoint: sim.endpointReference })]);
  });

  it('exits 1 when nobody answers, and refuses bad flags with a usage error', async () => {
    responder.remove(sim);
    try {
      expect((await run(['--targets', `127.0.0.1:${responder.port}`, '--no-multicast', '--timeout', '200'])).code).toBe(1);
    } finally {
      responder.add(sim);
    }
    await expect(run(['--no-multicast'])).rejects.toThrow(UsageError);
    await expect(run(['--targets', 'http://x', '--no-multicast'])).rejects.toThrow(/not a discovery target/);
    await expect(run(['--targets', '127.0.0.1', '--timeout', '5'])).rejects.toThrow(/--timeout/);
  });
});
