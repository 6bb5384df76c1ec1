/**
 * The simulated camera estate end to end: footage generated with ffmpeg,
 * served by SimRtspServer, recorded by real ffmpeg over TCP and UDP and
 * checked with ffprobe. Footage is short (6 s) and cached under
 * fixtures/generated, so reruns cost only the recording time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFootage } from '../../fixtures/footage/ensure-footage.js';
import type { FootageSet } from '../../fixtures/footage/footage-types.js';
import { runFfmpeg, runFfprobe, type RunResult } from '../../fixtures/footage/run-ffmpeg.js';
import { SimRtspServer } from '../../fixtures/rtsp/sim-rtsp-server.js';

const abort = new AbortController();
let footage: FootageSet;
let server: SimRtspServer;
let work: string;
let baseline: Map<string, number>;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function countResources(): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
}

function record(url: string, transport: 'tcp' | 'udp', seconds: number, out: string, check = true): Promise<RunResult> {
  return runFfmpeg(
    ['-loglevel', 'error', '-y', '-rtsp_transport', transport, '-timeout', '5000000', '-i', url, '-c', 'copy', '-t', String(seconds), out],
    { signal: abort.signal, check },
  );
}

interface Probe {
  codec: string;
  width: number;
  height: number;
  frames: number;
  fps: number;
}

async function probe(file: string): Promise<Probe> {
  const r = await runFfprobe(
    ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames,r_frame_rate', '-of', 'json', file],
    { signal: abort.signal },
  );
  const s = (JSON.parse(r.stdout) as { streams: Record<string, string | number>[] }).streams[0]!;
  const [num, den] = String(s.r_frame_rate).split('/').map(Number);
  return { codec: String(s.codec_name), width: Number(s.width), height: Number(s.height), frames: Number(s.nb_read_frames), fps: num! / (den || 1) };
}

/** Send raw bytes on a fresh RTSP connection and collect what comes back for a moment. */
function rawExchange(port: number, data: string | Buffer, waitMs = 700): Promise<string> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let got = '';
    sock.on('data', (d) => (got += d.toString('latin1')));
    sock.on('error', () => undefined);
    sock.on('connect', () => sock.write(data));
    setTimeout(() => {
      sock.destroy();
      resolve(got);
    }, waitMs);
  });
}

beforeAll(async () => {
  baseline = countResources();
  work = await mkdtemp(join(tmpdir(), 'fixtures-rtsp-'));
  footage = await ensureFootage({ cameraKind: 'bus-lane', durationS: 6, signal: abort.signal });
  server = new SimRtspServer({ sessionTimeoutS: 30 });
  for (const p of ['/cam1', '/cam2', '/cam3', '/cam4']) await server.addStream(p, footage);
  await server.start();
});

afterAll(async () => {
  abort.abort();
  await server?.stop();
  expect(server.openResources()).toEqual({ connections: 0, sessions: 0, runningStreams: 0, listening: false });
  await rm(work, { recursive: true, force: true });
  // Give closed handles a tick to leave the event loop, then compare with the start.
  await sleep(100);
  const now = countResources();
  for (const kind of ['TCPServerWrap', 'TCPSocketWrap', 'UDPWrap', 'ProcessWrap', 'Timeout']) {
    expect(now.get(kind) ?? 0, kind).toBeLessThanOrEqual(baseline.get(kind) ?? 0);
  }
});

describe('generated footage', () => {
  it('is 1280x720 H.264 at 25 fps with a 1 s GOP, plus fault variants', async () => {
    const p = await probe(footage.main);
    expect(p).toMatchObject({ codec: 'h264', width: 1280, height: 720 });
    expect(p.frames).toBe(150);
    const low = await runFfprobe(['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', footage.variants.lowfps]);
    expect(Number(low.stdout.trim())).toBe(18);
    expect(footage.manifest.vehicles.map((v) => v.vrm)).toContain('LR74 TNP');
    expect(footage.fps.lowfps).toBe(3);
  });
});

describe('SimRtspServer with ffmpeg as the client', () => {
  it('records over TCP interleaved', async () => {
    const out = join(work, 'tcp.mp4');
    await record(server.url('/cam1'), 'tcp', 4, out);
    const p = await probe(out);
    expect(p).toMatchObject({ codec: 'h264', width: 1280, height: 720 });
    expect(p.fps).toBeCloseTo(25, 0);
    expect(p.frames).toBeGreaterThanOrEqual(95);
    expect(p.frames).toBeLessThanOrEqual(105);
  });

  it('records over UDP', async () => {
    const out = join(work, 'udp.mp4');
    await record(server.url('/cam2'), 'udp', 4, out);
    const p = await probe(out);
    expect(p).toMatchObject({ codec: 'h264', width: 1280, height: 720 });
    expect(p.frames).toBeGreaterThanOrEqual(95);
    expect(p.frames).toBeLessThanOrEqual(105);
  });

  it('switches a live stream to the black fault, visible to blackdetect', async () => {
    const out = join(work, 'fault.mp4');
    const rec = record(server.url('/cam3'), 'tcp', 6, out);
    await sleep(2000);
    await server.setFault('/cam3', 'black');
    await rec;
    expect(server.status('/cam3').onAir).toBe('black');
    await server.setFault('/cam3', null);
    const r = await runFfmpeg(['-i', out, '-vf', 'blackdetect=d=1:pic_th=0.95', '-an', '-f', 'null', '-'], { signal: abort.signal });
    const m = /black_start:([\d.]+) black_end:([\d.]+)/.exec(r.stderr);
    expect(m, r.stderr.slice(-500)).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0.5); // the picture was not black before the switch
    expect(Number(m![2]) - Number(m![1])).toBeGreaterThan(1.5);
  });

  it('answers malformed requests with RTSP errors while another client keeps recording', async () => {
    const out = join(work, 'survivor.mp4');
    const rec = record(server.url('/cam4'), 'tcp', 5, out);
    await sleep(1500);
    const port = server.port;
    const garbage = await rawExchange(port, Buffer.concat([Buffer.from([0, 1, 2, 0xff]), Buffer.from(' GARBAGE\r\n\r\n')]));
    expect(garbage).toMatch(/^RTSP\/1\.0 400 /);
    const answers = await rawExchange(
      port,
      `DESCRIBE ${server.url('/nope')} RTSP/1.0\r\nCSeq: 1\r\n\r\n` +
        `PLAY ${server.url('/cam4')} RTSP/1.0\r\nCSeq: 2\r\nSession: DEADBEEF\r\n\r\n` +
        `SETUP ${server.url('/cam4')}/trackID=0 RTSP/1.0\r\nCSeq: 3\r\n\r\n` +
        `SETUP ${server.url('/cam4')}/trackID=0 RTSP/1.0\r\nCSeq: 4\r\nTransport: RTP/AVP;multicast\r\n\r\n` +
        `RECORD ${server.url('/cam4')} RTSP/1.0\r\nCSeq: 5\r\n\r\n` +
        `FOO ${server.url('/cam4')} RTSP/1.0\r\nCSeq: 6\r\n\r\n` +
        `OPTIONS * RTSP/2.0\r\nCSeq: 7\r\n\r\n` +
        `OPTIONS * RTSP/1.0\r\nCSeq: 8\r\n\r\n`,
    );
    const statuses = [...answers.matchAll(/RTSP\/1\.0 (\d{3}) [^\r]*\r\nCSeq: (\d+)/g)].map((m) => `${m[2]}:${m[1]}`);
    expect(statuses).toEqual(['1:404', '2:454', '3:461', '4:461', '5:405', '6:501', '7:505', '8:200']);
    // An endless header with no end: 400 and the connection is closed.
    const flood = await rawExchange(port, 'A'.repeat(10_000));
    expect(flood).toMatch(/^RTSP\/1\.0 400 /);
    await rec;
    const p = await probe(out);
    expect(p.frames).toBeGreaterThanOrEqual(118);
  });

  it('takes a stream offline: 503 for new clients, playing sessions dropped', async () => {
    const out = join(work, 'offline.mp4');
    const rec = record(server.url('/cam1'), 'tcp', 8, out, false);
    await sleep(2000);
    expect(server.status('/cam1').playing).toBe(1);
    server.setOffline('/cam1', true);
    expect(server.status('/cam1').sessions).toBe(0);
    const r = await rawExchange(server.port, `DESCRIBE ${server.url('/cam1')} RTSP/1.0\r\nCSeq: 1\r\n\r\n`);
    expect(r).toMatch(/^RTSP\/1\.0 503 /);
    await rec;
    server.setOffline('/cam1', false);
    const again = await rawExchange(server.port, `DESCRIBE ${server.url('/cam1')} RTSP/1.0\r\nCSeq: 1\r\n\r\n`);
    expect(again).toMatch(/^RTSP\/1\.0 200 /);
    expect(again).toContain('sprop-parameter-sets=');
  });

  it('requires digest credentials when auth is configured', async () => {
    const secured = new SimRtspServer({ auth: { username: 'admin', password: 'p4ss word' }, udp: false });
    try {
      await secured.addStream('/cam', footage);
      await secured.start();
      const denied = await record(secured.url('/cam'), 'tcp', 1, join(work, 'denied.mp4'), false);
      expect(denied.code).not.toBe(0);
      expect(denied.stderr).toMatch(/401|Unauthorized/);
      const challenge = await rawExchange(secured.port, `DESCRIBE ${secured.url('/cam')} RTSP/1.0\r\nCSeq: 1\r\n\r\n`);
      expect(challenge).toMatch(/WWW-Authenticate: Digest realm="[^"]+", nonce="/);
      const out = join(work, 'auth.mp4');
      await record(secured.url('/cam', { withCredentials: true }), 'tcp', 2, out);
      expect((await probe(out)).frames).toBeGreaterThanOrEqual(45);
    } finally {
      await secured.stop();
    }
    expect(secured.openResources().connections).toBe(0);
  });

  it('serves 4 streams to 4 ffmpeg clients cheaply (server CPU measured)', async () => {
    const seconds = 10;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const clients = ['/cam1', '/cam2', '/cam3', '/cam4'].map((p) =>
      runFfmpeg(['-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', server.url(p), '-c', 'copy', '-t', String(seconds), '-f', 'null', '-'], {
        signal: abort.signal,
      }),
    );
    await Promise.all(clients);
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const share = cpuS / wallS;
    console.log(
      `[fixtures-rtsp] serving 4 streams to 4 ffmpeg clients: server CPU ${cpuS.toFixed(2)} s over ${wallS.toFixed(1)} s wall = ${(share * 100).toFixed(1)}% of one core`,
    );
    expect(share).toBeLessThan(1);
  });
});
