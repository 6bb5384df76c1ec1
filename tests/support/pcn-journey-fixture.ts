/**
 * The world for the PCN journey e2e test: a real core (every feature, temp
 * data dir) over the player fixture's recorded footage for two cameras at one
 * bus lane, with the facts each PCN precondition reads arranged where the
 * features look for them, so nothing passes by default:
 *   - camera 1 has an approved-device certificate (added through the API);
 *     camera 2 has none, so its event must be refused by name;
 *   - the health log holds a probe of the clock (drift within ±10 s) and the
 *     stream (25 fps) every minute, and an "ok" status, for both cameras;
 *   - the recording is continuous over each event's clip (the fixture's gap
 *     is elsewhere);
 *   - each camera has a bus-lane restriction in force at any time, camera
 *     enforcement begun 2024-01-01 (a bus lane never gets a warning notice),
 *     its signs in order;
 *   - one queued event per camera; camera 1's has the ANPR camera's plate and
 *     overview pictures, which the notice prints as its stills.
 * The cameras are retired by the player fixture, so no recorder or health
 * probe runs against them during the test and the arranged facts stand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { locateFfmpeg, runOnce } from '../../native/index.js';
import { ImageStore } from '../../main/anpr/image-store.js';
import { AnprReadsStore } from '../../main/store/anpr-reads-store.js';
import { EventsStore } from '../../main/store/events-store.js';
import { HealthStore } from '../../main/store/health-store.js';
import { RestrictionsStore } from '../../main/store/restrictions-store.js';
import { PLATE_FONT } from '../../fixtures/footage/scene-layout.js';
import { call } from './api-client.js';
import { startPlayerFixture, type PlayerFixture } from './player-fixture.js';

export interface JourneyEvent {
  id: number;
  cameraId: number;
  vrm: string;
  /** As the page shows it. */
  display: string;
  at: number;
}

export interface PcnJourneyWorld {
  fx: PlayerFixture;
  /** Camera 1: certified; every precondition holds. */
  good: JourneyEvent;
  /** Camera 2: no certificate recorded. */
  uncertified: JourneyEvent;
  certificateNumber: string;
  officerNumber: string;
}

const TRAFFIC_ORDER = 'The Borough (King Street Bus Lane) Traffic Order 2024 No. 17';

async function picture(file: string, size: string, text: string, fontsize: number): Promise<Buffer> {
  await runOnce({
    command: locateFfmpeg().ffmpeg.path,
    args: [
      '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0xf7c600:s=${size}:d=0.04`,
      '-vf', `drawbox=x=0:y=0:w=iw:h=ih:c=black:t=3,drawtext=fontfile=${PLATE_FONT}:text='${text}':fontsize=${fontsize}:fontcolor=black:x=(w-tw)/2:y=(h-th)/2`,
      '-frames:v', '1', file,
    ],
    timeoutMs: 30_000,
  });
  return readFileSync(file);
}

export async function arrangePcnJourney(opts: { rendererDir: string; workDir: string }): Promise<PcnJourneyWorld> {
  // A quarter of an hour for two cameras (90 segments each) keeps the arrangement short.
  const fx = await startPlayerFixture({ hours: 0.25, rendererDir: opts.rendererDir, secondCamera: true });
  try {
    const db = fx.core.context.store.db;
    const second = fx.second!;
    const certificateNumber = 'VCA/BL/2024/0117';
    const cert = await call(fx.url, 'addCameraCertificate', {
      token: fx.tokens.supervisor,
      params: { id: fx.cameraId },
      body: { certificateNumber, issuer: 'Vehicle Certification Agency', typeApprovalRef: 'TA-BUSLANE-7', validFrom: '2024-01-01', validTo: '2030-12-31' },
    });
    if (cert.status !== 200) throw new Error(`certificate: ${JSON.stringify(cert.json)}`);

    // The officer's number goes on the witness statement in the evidence pack.
    const officerNumber = 'AO-4417';
    const users = await call(fx.url, 'listUsers', { token: fx.tokens.administrator });
    const officer = (users.json as { id: number; username: string }[]).find((u) => u.username === 'officer')!;
    const upd = await call(fx.url, 'updateUser', { token: fx.tokens.administrator, params: { id: officer.id }, body: { officerNumber } });
    if (upd.status !== 200) throw new Error(`officer number: ${JSON.stringify(upd.json)}`);

    // The health log as the scheduler would have written it while the cameras were live.
    const health = new HealthStore(db);
    const probes = [];
    for (const cam of [{ id: fx.cameraId, drift: 1.2 }, { id: second.id, drift: -0.3 }]) {
      health.insertStatusChange(cam.id, fx.fromMs - 60_000, 'ok', []);
      for (let at = fx.fromMs - 60_000; at < fx.toMs; at += 60_000) {
        probes.push({ cameraId: cam.id, kind: 'clock' as const, at, status: 'ok' as const, value: cam.drift, fault: null, reason: null, detail: { source: 'onvif' }, durationMs: 40 });
        probes.push({ cameraId: cam.id, kind: 'stream' as const, at: at + 500, status: 'ok' as const, value: 25, fault: null, reason: null, detail: {}, durationMs: 900 });
      }
    }
    health.insertProbes(probes);

    const restrictions = new RestrictionsStore(db);
    const restrictionOf = (cameraId: number) =>
      restrictions.insert(
        { cameraId, type: 'bus-lane', schedule: 'at any time', permitted: ['bus', 'local-bus', 'taxi'], trafficOrderRef: TRAFFIC_ORDER, signsInOrder: true, signsNote: 'Signs checked 2024-12-01', enforcementStart: '2024-01-01', area: 'england' },
        'test',
        Date.now(),
      );
    const r1 = restrictionOf(fx.cameraId);
    const r2 = restrictionOf(second.id);

    const images = new ImageStore(path.join(fx.dataDir, 'anpr-images'));
    const plate = await images.put(await picture(path.join(opts.workDir, 'plate.jpg'), '310x72', 'AB12 CDE', 60));
    const overview = await images.put(await picture(path.join(opts.workDir, 'overview.jpg'), '640x360', 'AB12 CDE in the bus lane', 36));

    // Two and three minutes into the recording: well clear of the fixture's gap in the middle.
    const at1 = fx.fromMs + 2 * 60_000 + 3_000;
    const at2 = fx.fromMs + 3 * 60_000 + 3_000;
    const reads = new AnprReadsStore(db);
    const read = reads.insert(
      { cameraId: fx.cameraId, plateSent: 'AB12 CDE', vrm: 'AB12CDE', vrmFormat: 'current', vrmFlags: [], readAt: at1, receivedAt: at1 + 200, confidence: 93, direction: 'departing', channel: null, source: 'json', exemptEntryId: null },
      [
        { role: 'plate', name: 'plate.jpg', sha256: plate.sha256, bytes: plate.bytes },
        { role: 'overview', name: 'overview.jpg', sha256: overview.sha256, bytes: overview.bytes },
      ],
    );
    const events = new EventsStore(db);
    const mk = (cameraId: number, restrictionId: number, vrm: string, at: number, readIds: number[]) =>
      events.insert(
        { cameraId, restrictionId, restrictionType: 'bus-lane', vrm, origin: 'anpr', firstSeenAt: at, lastSeenAt: at + 1500, clipStart: at - 2000, clipEnd: at + 3000, status: 'queued', holdReason: null, inForceWhy: 'at any time', nearMisses: [], note: '', createdBy: 'test', createdAt: at },
        readIds,
      );
    const good = { id: mk(fx.cameraId, r1, 'AB12CDE', at1, [read.id]), cameraId: fx.cameraId, vrm: 'AB12CDE', display: 'AB12 CDE', at: at1 };
    const uncertified = { id: mk(second.id, r2, 'LR74TNP', at2, []), cameraId: second.id, vrm: 'LR74TNP', display: 'LR74 TNP', at: at2 };
    return { fx, good, uncertified, certificateNumber, officerNumber };
  } catch (e) {
    await fx.stop();
    throw e;
  }
}
