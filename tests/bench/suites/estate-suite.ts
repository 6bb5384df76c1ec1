import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { procStat, TICKS_PER_S } from '../../support/estate-proc.js';
import type { EstateBenchInfo } from '../../support/estate-bench-child.js';
import type { BenchSuite, Figure } from '../figure.js';

/**
 * Estate CPU (issue 3): the simulated estate serves a copy of pre-encoded
 * footage, not a live encode, so its 4 demo cameras should cost under one
 * core of the 2-core machine.
 *
 * The estate (SimEstate: 4 RTSP streams, 4 ONVIF devices, 4 ANPR push feeds
 * towards a local sink answering 201) runs in a child process so its CPU is
 * read alone from /proc. Four `ffmpeg -c copy` RTSP clients read it for
 * MEASURE_S while an ONVIF poller asks each device the time every few
 * seconds, as a health monitor would. Figures:
 *  - estate.cpu_pct_4_cameras: % of one core the estate used while serving
 *    (its own ticks plus any short-lived children it waited for, e.g. ANPR
 *    plate JPEGs), beside the copy-only readers' CPU;
 *  - estate.live_encode_pct_4_cameras: what a live encode would cost instead,
 *    one real-time 720p25 libx264 veryfast encode measured for the same time,
 *    ×4 — printed beside the estate's figure.
 */
const MEASURE_S = 15;
const WARMUP_S = 3;
const ONVIF_POLL_MS = 5000;

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const ticks = (pid: number, withChildren = false): number => {
  const s = procStat(pid);
  if (!s) throw new Error(`process ${pid} went away during the measurement`);
  return s.cpuTicks + (withChildren ? s.childCpuTicks : 0);
};
const pctOfCore = (dTicks: number, seconds: number): number => Math.round((dTicks / TICKS_PER_S / seconds) * 1000) / 10;

function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** The ANPR receiver stand-in: reads each push and answers 201, as the core's ingest does. */
async function anprSink(): Promise<{ server: http.Server; url: string; received: () => number }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n++;
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/anpr`, received: () => n };
}

const GET_TIME =
  '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">' +
  '<s:Body><GetSystemDateAndTime xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>';

function onvifTime(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/soap+xml; charset=utf-8' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(GET_TIME);
  });
}

function withCredentials(rtspUrl: string, user: string, pass: string): string {
  const u = new URL(rtspUrl);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(pass);
  return u.toString();
}

async function startEstate(sinkUrl: string): Promise<{ child: ChildProcess; info: EstateBenchInfo }> {
  const script = path.join(root, 'tests', 'support', 'estate-bench-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify({ anprSinkUrl: sinkUrl })], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => resolve(l));
    child.once('exit', (code) => reject(new Error(`estate child exited (${code}) before it was ready: ${stderr}`)));
  });
  return { child, info: JSON.parse(line) as EstateBenchInfo };
}

/** One live 720p25 encode in real time for `seconds`, returning its CPU as % of one core over the middle of the run. */
async function liveEncodePct(seconds: number): Promise<number> {
  const ff = spawn('ffmpeg', [
    '-hide_banner', '-nostats', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25',
    '-c:v', 'libx264', '-preset', 'veryfast', '-t', String(seconds + WARMUP_S + 2), '-f', 'null', '-',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    await sleep(WARMUP_S * 1000);
    const t0 = ticks(ff.pid!);
    const w0 = performance.now();
    await sleep(seconds * 1000);
    const d = ticks(ff.pid!) - t0;
    return pctOfCore(d, (performance.now() - w0) / 1000);
  } finally {
    ff.kill('SIGTERM');
    await exited(ff, 5000);
  }
}

export const estateSuite: BenchSuite = {
  name: 'estate',
  async run(): Promise<Figure[]> {
    const sink = await anprSink();
    const { child, info } = await startEstate(sink.url);
    const clients: ChildProcess[] = [];
    let onvifTimer: NodeJS.Timeout | undefined;
    let estatePct: number;
    let clientsPct: number;
    let onvifOk = 0;
    let onvifAsked = 0;
    let pushes: number;
    try {
      if (info.cameras.length !== 4) throw new Error(`expected the 4 demo cameras, got ${info.cameras.length}`);
      for (const c of info.cameras) {
        const url = withCredentials(c.rtspUrl, info.username, info.password);
        const ff = spawn('ffmpeg', ['-hide_banner', '-nostats', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url, '-c', 'copy', '-f', 'null', '-'], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        ff.stderr!.resume();
        clients.push(ff);
      }
      const pollOnvif = (): void => {
        for (const c of info.cameras) {
          onvifAsked++;
          void onvifTime(c.onvifUrl).then((s) => {
            if (s === 200) onvifOk++;
          });
        }
      };
      pollOnvif();
      onvifTimer = setInterval(pollOnvif, ONVIF_POLL_MS);
      await sleep(WARMUP_S * 1000);
      if (clients.some((c) => c.exitCode !== null)) throw new Error('an RTSP client stopped before the measurement');
      const pushes0 = sink.received();
      const e0 = ticks(child.pid!, true);
      const c0 = clients.reduce((t, c) => t + ticks(c.pid!), 0);
      const w0 = performance.now();
      await sleep(MEASURE_S * 1000);
      const wall = (performance.now() - w0) / 1000;
      estatePct = pctOfCore(ticks(child.pid!, true) - e0, wall);
      clientsPct = pctOfCore(clients.reduce((t, c) => t + ticks(c.pid!), 0) - c0, wall);
      pushes = sink.received() - pushes0;
      if (clients.some((c) => c.exitCode !== null)) throw new Error('an RTSP client stopped during the measurement');
    } finally {
      clearInterval(onvifTimer);
      for (const c of clients) c.kill('SIGTERM');
      await Promise.all(clients.map((c) => exited(c, 5000)));
      child.stdin!.end();
      await exited(child, 10_000);
      await new Promise<void>((r) => sink.server.close(() => r()));
    }
    // Measured after the estate has gone, so the two never share the 2 cores.
    const encodeOne = await liveEncodePct(MEASURE_S);
    const feeds = info.cameras.filter((c) => c.anpr).length;
    const detail = `4 RTSP readers (ffmpeg -c copy), ${feeds} ANPR feeds (${pushes} pushes to a 201 sink), ONVIF GetSystemDateAndTime ${onvifOk}/${onvifAsked} ok, ${MEASURE_S} s`;
    return [
      {
        name: 'estate.cpu_pct_4_cameras',
        value: estatePct,
        unit: '% core',
        baseline: clientsPct,
        baselineLabel: `the 4 copy-only ffmpeg RTSP readers themselves (${detail})`,
        goal: '< 100 % (under one core)',
      },
      {
        name: 'estate.live_encode_pct_4_cameras',
        value: estatePct,
        unit: '% core',
        baseline: Math.round(encodeOne * 4 * 10) / 10,
        baselineLabel: `live encode instead: 1× ffmpeg -re testsrc2 1280x720@25 libx264 veryfast measured ${MEASURE_S} s (${encodeOne} %), ×4`,
        goal: 'far below the live-encode baseline',
      },
    ];
  },
};
