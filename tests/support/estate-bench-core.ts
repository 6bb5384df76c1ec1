/**
 * A core with the media feature in a process of its own, for the media
 * bench: its memory and its ffmpeg children can then be read from /proc
 * without the bench's own heap (the simulated estate, the load generators)
 * in the figure.
 *
 *   node --import tsx tests/support/estate-bench-core.ts '{"dataDir":"…","cameras":[{"id":1,"name":"…","url":"rtsp://u:p@…"}]}'
 *
 * Prints one JSON line `{"url":…,"token":…}` when it is listening, and stops
 * the core (every recorder finalised) and exits when its stdin closes.
 */
import { createCore } from '../../main/core.js';
import { silentLogger } from '../../main/log/logger.js';
import { mediaFeatureWith } from '../../main/media/media-feature.js';
import { call } from './api-client.js';
import { FakeCameras } from './media-fake-cameras.js';

interface BenchCoreConfig {
  dataDir: string;
  cameras: Array<{ id: number; name: string; url: string }>;
}

const config = JSON.parse(process.argv[2] ?? '') as BenchCoreConfig;
/** The cameras the core records; a wrapper (media-bench-core.ts) may add more later. */
export const cams = new FakeCameras();
const core = await createCore({
  dataDir: config.dataDir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: null,
  // Production segment length (10 s) and no disk guard: the bench measures recording, not retention.
  features: [cams.feature(), mediaFeatureWith({ minFreeBytes: 0 })],
});
const password = 'a long bench passphrase';
await call(core.url, 'createFirstAdministrator', { body: { username: 'admin', displayName: 'Bench Admin', password } });
const token = (await call(core.url, 'login', { body: { username: 'admin', password } })).json.token as string;
for (const c of config.cameras) cams.set(c.id, { name: c.name, url: c.url });
process.stdout.write(`${JSON.stringify({ url: core.url, token })}\n`);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  await core.stop();
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
