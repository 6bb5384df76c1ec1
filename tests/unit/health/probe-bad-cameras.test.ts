import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ProcessOwner } from '../../../native/index.js';
import { resolveHealthConfig } from '../../../main/health/health-config.js';
import { networkProbe } from '../../../main/health/probes/network-probe.js';
import { clockProbe } from '../../../main/health/probes/clock-probe.js';
import type { ProbeContext } from '../../../main/health/probes/probe-context.js';
import { fakeCameras, testHealthService, type FakeCamera, type TestHealth } from './fake-estate.js';

/**
 * Bad cameras on loopback: one that accepts the connection and never says a
 * word (cut off by the probe's timeout, its socket closed), and ones that
 * answer an RTSP DESCRIBE with random bytes (degraded, with the reason;
 * nothing throws, nothing is left open).
 */
const TIMEOUT_MS = 300;

interface BadServer {
  server: Server;
  port: number;
  sockets: Set<Socket>;
  closedByPeer: number;
  close(): Promise<void>;
}

async function badServer(onConnection: (s: Socket) => void): Promise<BadServer> {
  const sockets = new Set<Socket>();
  const b = { closedByPeer: 0 } as BadServer;
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    // Read (and drop) what the probe sends, as a camera's TCP stack would: an unread stream never sees the peer's FIN.
    s.resume();
    s.on('close', () => {
      sockets.delete(s);
      b.closedByPeer++;
    });
    onConnection(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(b, {
    server, sockets, port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  });
}

/** Deterministic "random" bytes (xorshift), so a failure can be replayed. */
function noise(n: number, seed: number, opts: { noCr?: boolean } = {}): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
    if (opts.noCr && b[i] === 0x0d) b[i] = 0x0e;
  }
  return b;
}

const servers: BadServer[] = [];
let t: TestHealth | undefined;
const owner = new ProcessOwner();
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const s of servers.splice(0)) await s.close();
});

afterAll(async () => {
  expect(owner.livePids()).toEqual([]);
  await owner.dispose();
});

function ctxFor(cams: Map<number, FakeCamera>): ProbeContext {
  return {
    cameras: fakeCameras(cams), config: resolveHealthConfig({ probeTimeoutMs: TIMEOUT_MS }), processes: owner, tools: null,
    newestSegmentEnd: () => null, freeBytes: async () => null, now: Date.now,
  };
}

const never = () => new Promise<{ offsetS: number; at: number }>(() => {});

describe('a probe that hangs', () => {
  it('is cut off by its timeout: the camera is down with the reason, and the socket is closed', async () => {
    const hang = await badServer(() => {});
    servers.push(hang);
    const o = await networkProbe(ctxFor(new Map([[1, { rtspUrl: `rtsp://127.0.0.1:${hang.port}/stream`, readClock: never }]])), 1);
    expect(o).toMatchObject({ kind: 'network', status: 'down', fault: 'offline', reason: `camera unreachable: no answer within ${TIMEOUT_MS} ms` });
    // The probe closed its end: the camera's side sees the connection go.
    await expect.poll(() => hang.closedByPeer).toBe(1);
    expect(hang.sockets.size).toBe(0);
  });

  it('a clock read that never answers is cut off too (degraded: clock unreadable)', async () => {
    const o = await clockProbe(ctxFor(new Map([[1, { rtspUrl: null, readClock: never }]])), 1);
    expect(o).toMatchObject({ kind: 'clock', status: 'degraded', fault: 'clock-unreadable', value: null, reason: `camera clock could not be read: no answer within ${TIMEOUT_MS} ms` });
  });
});

describe('a camera that answers garbage', () => {
  const cases: Array<{ name: string; answer: (s: Socket) => void; reason: RegExp }> = [
    { name: '64 KiB of random bytes', answer: (s) => s.write(noise(64 * 1024, 7, { noCr: true })), reason: /^camera answered nonsense: answer headers too long for RTSP$/ },
    { name: 'random bytes, then hangs up', answer: (s) => s.end(noise(300, 11)), reason: /^camera answered nonsense: (connection closed mid-answer|answer is not RTSP .*)$/ },
    { name: 'a header block whose status line is not RTSP', answer: (s) => s.write(Buffer.concat([noise(20, 3, { noCr: true }), Buffer.from('\r\nCSeq: 1\r\n\r\n')])), reason: /^camera answered nonsense: answer is not RTSP \(starts "[\x20-\x7e]{1,40}"\)$/ },
    { name: 'HTTP instead of RTSP', answer: (s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), reason: /^camera answered nonsense: answer is not RTSP \(starts "HTTP\/1\.1 200 OK"\)$/ },
  ];
  for (const c of cases) {
    it(`${c.name}: degraded with the reason, never a crash`, async () => {
      const g = await badServer((s) => s.once('data', () => c.answer(s)));
      servers.push(g);
      const o = await networkProbe(ctxFor(new Map([[1, { rtspUrl: `rtsp://user:secret@127.0.0.1:${g.port}/stream`, readClock: never }]])), 1);
      expect(o.status).toBe('degraded');
      expect(o.fault).toBe('garbage');
      expect(o.reason).toMatch(c.reason);
      expect(JSON.stringify(o)).not.toContain('secret');
      await expect.poll(() => g.sockets.size).toBe(0);
    });
  }

  it('through the whole service: a full cycle on a garbage camera and a hung one keeps running and says why', async () => {
    const g = await badServer((s) => s.once('data', () => s.write(noise(20_000, 99, { noCr: true }))));
    const hang = await badServer(() => {});
    servers.push(g, hang);
    t = testHealthService(
      fakeCameras(
        new Map<number, FakeCamera>([
          [1, { rtspUrl: `rtsp://127.0.0.1:${g.port}/s`, readClock: async () => { throw new Error('the camera’s date and time could not be read'); } }],
          [2, { rtspUrl: `rtsp://127.0.0.1:${hang.port}/s`, readClock: never }],
        ]),
      ),
      { probeTimeoutMs: TIMEOUT_MS, failuresToOpen: 1 },
    );
    await Promise.all([t.service.runCycle(1, 0), t.service.runCycle(2, 0)]);
    const [one, two] = t.service.summaries();
    expect(one).toMatchObject({ cameraId: 1, status: 'degraded' });
    expect(one!.reasons).toEqual([
      'network: camera answered nonsense: answer headers too long for RTSP',
      'clock: camera clock could not be read: the camera’s date and time could not be read',
    ]);
    expect(two).toMatchObject({ cameraId: 2, status: 'down', reasons: [`network: camera unreachable: no answer within ${TIMEOUT_MS} ms`] });
    // With failuresToOpen 1 each fault opened its defect; the garbage answer is its own fault code.
    expect(t.defects.list({ state: 'open' }).map((d) => `${d.cameraId}:${d.fault}`).sort()).toEqual(['1:clock-unreadable', '1:garbage', '2:offline']);
    await expect.poll(() => g.sockets.size + hang.sockets.size).toBe(0);
  });
});
