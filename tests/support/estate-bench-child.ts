/**
 * The demo camera estate (fixtures/estate SimEstate: the 4 demo cameras, the
 * default loop) in a process of its own, for the estate benchmark: reading
 * /proc/<pid>/stat then gives the estate's CPU alone, without the bench's RTSP
 * clients, HTTP sink or ONVIF poller in the figure.
 *
 *   node --import tsx tests/support/estate-bench-child.ts '{"anprSinkUrl":"http://127.0.0.1:1234/anpr"}'
 *
 * Starts every camera, starts each ANPR camera's push feed towards the sink,
 * prints one JSON line describing the estate, then serves until stdin closes
 * (or SIGTERM), when it stops the estate and exits.
 */
import { SimEstate } from '../../fixtures/estate/sim-estate.js';

export interface EstateBenchInfo {
  username: string;
  password: string;
  cameras: Array<{ key: string; rtspUrl: string; onvifUrl: string; anpr: boolean }>;
}

const config = JSON.parse(process.argv[2] ?? '{}') as { anprSinkUrl?: string };
const estate = new SimEstate({ onProgress: (m) => process.stderr.write(`${m}\n`) });
await estate.start();
for (const c of estate.cameras) {
  if (config.anprSinkUrl && c.spec.anprFormat) {
    await estate.startAnprFeed(c.spec.key, { url: config.anprSinkUrl, apiKey: 'bench-anpr-key', cameraId: c.spec.key });
  }
}
const info: EstateBenchInfo = {
  username: estate.username,
  password: estate.password,
  cameras: estate.cameras.map((c) => ({ key: c.spec.key, rtspUrl: c.rtspUrl, onvifUrl: c.onvifUrl, anpr: c.feed !== null })),
};
process.stdout.write(`${JSON.stringify(info)}\n`);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await estate.stop();
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
