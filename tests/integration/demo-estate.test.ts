import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../main/demo/run-demo.js';
import { demoEstateCameras } from '../../fixtures/estate/estate-cameras.js';
import { demoUsers } from '../../main/demo/demo-users.js';
import { silentLogger } from '../../main/log/logger.js';
import { oneCharacterDifference, differsOnlyByConfusables } from '../../main/domain/vrm-near-miss.js';
import { tempDir } from '../support/temp-dir.js';
import { call } from '../support/api-client.js';

// The demo as `npm start` runs it — the whole estate, with short loops so the
// test stays quick: every camera is found by WS-Discovery and added over
// ONVIF, records, and the ANPR feeds' reads reach the core matching the
// footage's manifest.
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
  demo = await startDemo({ dataDir: tmp.dir, port: 0, loopS: 8, logger: silentLogger(), rendererDir: null });
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

  it('finds all four cameras by ONVIF WS-Discovery from the app', async () => {
    const supervisor = demoUsers.find((u) => u.role === 'supervisor')!;
    const sup = (await call(demo.core.url, 'login', { body: { username: supervisor.username, password: supervisor.password } })).json.token;
    const found = await call(demo.core.url, 'discoverCameras', { token: sup, body: { targets: [`127.0.0.1:${demo.estate.discoveryPort}`], multicast: false, timeoutMs: 1500 } });
    expect(found.status).toBe(200);
    const ports = (found.json.devices as { port: number | null }[]).map((d) => d.port).sort();
    const expected = demo.estate.cameras.map((c) => Number(new URL(c.onvifUrl).port)).sort();
    expect(ports).toEqual(expected);
    expect(expected).toHaveLength(demoEstateCameras.length);
  });

  it('adds each simulated camera over ONVIF with its certificate and restriction', async () => {
    const cams = (await call(demo.core.url, 'listCameras', { token })).json as { id: number; siteCode: string | null; name: string }[];
    expect(cams.map((c) => c.siteCode).sort()).toEqual(demoEstateCameras.map((c) => c.key).sort());
    const restrictions = (await call(demo.core.url, 'listRestrictions', { token })).json as { cameraId: number; type: string }[] | { restrictions: { cameraId: number; type: string }[] };
    const list = Array.isArray(restrictions) ? restrictions : restrictions.restrictions;
    for (const spec of demoEstateCameras) {
      const cam = cams.find((c) => c.siteCode === spec.key)!;
      expect(list).toContainEqual(expect.objectContaining({ cameraId: cam.id, type: spec.restriction }));
      const detail = (await call(demo.core.url, 'getCamera', { token, params: { id: cam.id } })).json as { certificates?: unknown[] };
      expect(detail.certificates?.length ?? 0, `${spec.key} certificate`).toBeGreaterThan(0);
    }
  });

  it('records every camera', async () => {
    const recorders = await until(
      'a recorded segment from each camera',
      async () => {
        const r = (await call(demo.core.url, 'listRecorders', { token })).json as { state: string; lastSegmentEndMs: number | null }[];
        return r.length === demoEstateCameras.length && r.every((x) => x.lastSegmentEndMs) ? r : undefined;
      },
      90_000,
    );
    expect(recorders.map((r) => r.state)).toEqual(demoEstateCameras.map(() => 'recording'));
  });

  it('stores the ANPR reads of the vehicles in the footage', async () => {
    const truth = demo.estate.cameras.flatMap((c) => c.footage.manifest.vehicles.map((v) => v.vrmKey));
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
    const exempt = new Set(demo.estate.cameras.flatMap((c) => c.footage.manifest.vehicles.filter((v) => v.exemption).map((v) => v.vrmKey)));
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
