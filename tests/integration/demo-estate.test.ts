import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../main/demo/run-demo.js';
import { demoEstateCameras } from '../../fixtures/estate/estate-cameras.js';
import { demoUsers } from '../../main/demo/demo-users.js';
import { silentLogger } from '../../main/log/logger.js';
import { oneCharacterDifference, differsOnlyByConfusables } from '../../main/domain/vrm-near-miss.js';
import { tempDir } from '../support/temp-dir.js';
import { call } from '../support/api-client.js';

// The demo as `npm start` runs it, with one bus-lane camera and a short
// loop so the test stays quick: the camera is added over ONVIF, records,
// and its ANPR feed's reads reach the core matching the footage's manifest.
const tmp = tempDir('cctv-demo-');
let demo: Demo;
let token: string;

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  demo = await startDemo({ dataDir: tmp.dir, port: 0, loopS: 10, cameras: [demoEstateCameras[0]!], logger: silentLogger(), rendererDir: null });
  await demo.ready;
  const officer = demoUsers.find((u) => u.role === 'officer')!;
  token = (await call(demo.core.url, 'login', { body: { username: officer.username, password: officer.password } })).json.token;
}, 300_000);

afterAll(async () => {
  await demo?.stop();
  tmp.cleanup();
});

describe('cctv demo', () => {
  it('signs in each demo user', async () => {
    for (const u of demoUsers) {
      const r = await call(demo.core.url, 'login', { body: { username: u.username, password: u.password } });
      expect(r.status, u.username).toBe(200);
      expect(r.json.user.role).toBe(u.role);
    }
  });

  it('adds the simulated camera over ONVIF with its certificate and restriction', async () => {
    const cams = (await call(demo.core.url, 'listCameras', { token })).json as { id: number; siteCode: string | null; name: string }[];
    expect(cams.map((c) => c.siteCode)).toEqual(['BL-01']);
    const restrictions = (await call(demo.core.url, 'listRestrictions', { token })).json as { cameraId: number; type: string }[] | { restrictions: { cameraId: number; type: string }[] };
    const list = Array.isArray(restrictions) ? restrictions : restrictions.restrictions;
    expect(list).toEqual([expect.objectContaining({ cameraId: cams[0]!.id, type: 'bus-lane' })]);
  });

  it('records the camera', async () => {
    const recorder = await until(
      'a recorded segment',
      async () => {
        const r = (await call(demo.core.url, 'listRecorders', { token })).json as { state: string; lastSegmentEndMs: number | null }[];
        return r[0]?.lastSegmentEndMs ? r[0] : undefined;
      },
      90_000,
    );
    expect(recorder.state).toBe('recording');
  });

  it('stores the ANPR reads of the vehicles in the footage', async () => {
    const manifest = demo.estate.cameras[0]!.footage.manifest;
    const truth = manifest.vehicles.map((v) => v.vrmKey);
    const reads = await until(
      'reads of every vehicle in one loop',
      async () => {
        const r = (await call(demo.core.url, 'listReads', { token, query: { limit: 200 } })).json as { reads: { vrm: string; plateSent: string }[] };
        return r.reads.length >= truth.length ? r.reads : undefined;
      },
      60_000,
    );
    // Each read is a vehicle of the manifest, exactly or as a simulated misread
    // (one character off or a confusable swap): the feed is in time with the video.
    for (const read of reads) {
      const matched = truth.some((t) => t === read.vrm || oneCharacterDifference(t, read.vrm) || differsOnlyByConfusables(t, read.vrm));
      expect(matched, `${read.vrm} is not a vehicle of the scene (${truth.join(', ')})`).toBe(true);
    }
    const exactly = new Set(reads.map((r) => r.vrm).filter((v) => truth.includes(v)));
    expect(exactly.size).toBeGreaterThanOrEqual(Math.ceil(truth.length / 2));
  });

  it('queues an event for a non-exempt vehicle and none for an exempt one', async () => {
    const manifest = demo.estate.cameras[0]!.footage.manifest;
    const exempt = new Set(manifest.vehicles.filter((v) => v.exemption).map((v) => v.vrmKey));
    const events = await until(
      'a candidate event',
      async () => {
        const r = (await call(demo.core.url, 'listCandidateEvents', { token, query: { limit: 200 } })).json as { events: { vrm: string }[] };
        return r.events.length > 0 ? r.events : undefined;
      },
      60_000,
    );
    for (const e of events) expect(exempt.has(e.vrm), `${e.vrm} is white-listed yet has an event`).toBe(false);
  });
});
