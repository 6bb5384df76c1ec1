import path from 'node:path';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { defaultDataDir } from '../../config/data-dir.js';
import { waitForShutdown } from '../wait-for-shutdown.js';
import { describeFfmpegForCore } from '../ffmpeg-for-core.js';
import { startDemo } from '../../demo/run-demo.js';
import { demoUsers } from '../../demo/demo-users.js';
import { parseFaultAssignment } from '../../../fixtures/estate/estate-fault.js';
import os from 'node:os';

export const demoHelp = `Usage: cctv demo [--data DIR] [--port N] [--duration S] [--fault CAMERA=FAULT]...

Starts the core with the simulated camera estate: two bus-lane ANPR cameras
(BL-01, BL-02), a box junction (BJ-01) and a banned turn (BT-01), each an
ONVIF device streaming RTSP and pushing ANPR reads, already configured with
restrictions, certificates, a white list and demo users.

  --data DIR          demo data folder (default: the per-OS data folder's demo/)
  --port N            UI/API port (default 8741; 0 picks a free one)
  --host ADDR         address to listen on (default 127.0.0.1)
  --duration S        stop cleanly after S seconds (tests and benchmarks)
  --loop S            length of each camera's looping scene (default 24)
  --fault CAM=FAULT   inject a fault at start (repeatable): offline, frozen,
                      black, moved, obstructed, lowfps, clock-drift:SECONDS,
                      anpr-stop — e.g. --fault BJ-01=clock-drift:30
`;

export function demoDataDir(flag: string | true | undefined): string {
  if (typeof flag === 'string') return path.resolve(flag);
  if (process.env.CCTV_DATA_DIR) return path.join(path.resolve(process.env.CCTV_DATA_DIR), 'demo');
  // Demo data never mixes with a real installation's.
  return path.join(defaultDataDir(process.platform, process.env, os.homedir()), 'demo');
}

/** Runs the demo until a signal or --duration; shared by `cctv demo` and `cctv start` in browser mode. */
export async function runDemoCommand(argv: string[], io: { out: (t: string) => void; err: (t: string) => void }, onUrl?: (url: string) => void): Promise<number> {
  const { flags } = parseFlags(argv, { values: ['data', 'port', 'host', 'duration', 'loop', 'fault'] });
  const faults = argv.flatMap((a, i) => (a === '--fault' ? [argv[i + 1]!] : a.startsWith('--fault=') ? [a.slice(8)] : [])).map((f) => {
    try {
      return parseFaultAssignment(f);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  });
  const port = flags.port === undefined ? 8741 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, not ${String(flags.port)}`);
  const durationS = flags.duration === undefined ? undefined : Number(flags.duration);
  if (durationS !== undefined && !(durationS > 0)) throw new UsageError('--duration must be a positive number of seconds');
  const loopS = flags.loop === undefined ? undefined : Number(flags.loop);
  if (loopS !== undefined && !(loopS >= 6 && loopS <= 600)) throw new UsageError('--loop must be 6-600 seconds');
  const dataDir = demoDataDir(flags.data);

  const demo = await startDemo({
    dataDir,
    port,
    host: typeof flags.host === 'string' ? flags.host : '127.0.0.1',
    ...(loopS ? { loopS } : {}),
    faults,
    ffmpegInfo: describeFfmpegForCore(),
    say: (line) => io.out(`  ${line}`),
  });
  io.out(`\nCCTV enforcement workstation — demo estate`);
  io.out(`  UI:          ${demo.core.url}`);
  io.out(`  Data folder: ${dataDir}`);
  io.out(`  Sign in as:  ${demoUsers.map((u) => `${u.username} / "${u.password}" (${u.role})`).join('\n               ')}`);
  io.out(`  Cameras come on air as their footage is ready (the first run encodes it once, about a minute).\n`);
  onUrl?.(demo.core.url);
  demo.ready.then(
    () => {
      io.out('\nAll demo cameras are on air:');
      for (const c of demo.estate.cameras) io.out(`  ${c.spec.key.padEnd(6)} ${c.spec.name}\n         RTSP  ${c.rtspUrl}  (user ${demo.estate.username} / ${demo.estate.password})\n         ONVIF ${c.onvifUrl}`);
      io.out(`  WS-Discovery responder: udp://127.0.0.1:${demo.estate.discoveryPort}\n`);
    },
    (e: unknown) => io.err(`The simulated estate could not start: ${e instanceof Error ? e.message : String(e)}`),
  );
  const why = await waitForShutdown(durationS);
  await demo.stop();
  io.out(`Demo stopped (${why}).`);
  return 0;
}

export const demoCommand: CliCommand = {
  path: ['demo'],
  summary: 'Run the core on the simulated camera estate, configured and populated',
  help: demoHelp,
  run: (argv, io) => runDemoCommand(argv, io),
};
