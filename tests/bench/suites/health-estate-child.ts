/**
 * The simulated camera estate for the health benchmark, in its own process so
 * its CPU is not counted as the core's: N lightweight cameras on loopback,
 * each one TCP server answering RTSP DESCRIBE with 200 and an SDP, and one
 * ONVIF device simulator (the fixture, real SOAP) for the clock; plus a
 * SimRtspServer streaming real footage for the cameras whose expensive probes
 * (ffprobe packets, ffmpeg frames) run in the period.
 *
 * Run: node --import tsx health-estate-child.ts <cameras> <streamed>
 * Prints one JSON line with the addresses, then serves until stdin closes.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { OnvifDeviceSimulator } from '../../../fixtures/onvif/index.js';
import { SimRtspServer } from '../../../fixtures/rtsp/sim-rtsp-server.js';
import { ensureFootage } from '../../../fixtures/footage/ensure-footage.js';

export const BENCH_USER = 'bench';
export const BENCH_PASS = 'bench-pass';

const SDP = 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=bench\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:track1\r\n';

function describeResponder(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString('latin1');
      let end: number;
      while ((end = buf.indexOf('\r\n\r\n')) >= 0) {
        const head = buf.slice(0, end);
        buf = buf.slice(end + 4);
        const cseq = /^CSeq:\s*(\d+)/im.exec(head)?.[1] ?? '0';
        s.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nContent-Type: application/sdp\r\nContent-Length: ${SDP.length}\r\n\r\n${SDP}`);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, sockets })));
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 500);
  const streamed = Number(process.argv[3] ?? 0);
  const rtsp: Awaited<ReturnType<typeof describeResponder>>[] = [];
  const onvif: OnvifDeviceSimulator[] = [];
  for (let i = 0; i < n; i++) {
    rtsp.push(await describeResponder());
    const sim = new OnvifDeviceSimulator({ username: BENCH_USER, password: BENCH_PASS, streamUris: { main: `rtsp://127.0.0.1:${rtsp[i]!.port}/stream` } });
    await sim.start();
    onvif.push(sim);
  }
  let video: SimRtspServer | null = null;
  const streamUrls: string[] = [];
  if (streamed > 0) {
    const footage = await ensureFootage({ cameraKind: 'bus-lane', durationS: 6 });
    video = new SimRtspServer({ udp: false });
    for (let i = 1; i <= streamed; i++) await video.addStream(`/cam${i}`, footage);
    await video.start();
    for (let i = 1; i <= streamed; i++) streamUrls.push(video.url(`/cam${i}`));
  }
  process.stdout.write(`${JSON.stringify({ rtspPorts: rtsp.map((r) => r.port), onvifPorts: onvif.map((o) => o.port), streamUrls })}\n`);
  const stop = async () => {
    for (const r of rtsp) {
      for (const s of r.sockets) s.destroy();
      r.server.close();
    }
    for (const o of onvif) await o.stop();
    await video?.stop();
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.on('SIGTERM', () => void stop());
}

void main();
