// Makes sure the system programs the workstation needs are on this machine,
// installing them from Debian's packages when we are root on Debian/Ubuntu
// (as on a fresh build machine), so `npm ci && npm test` and
// `npm ci && npm start` need nothing installed by hand.
//
//   node scripts/system-deps.mjs --for start   ffmpeg (recording, clips), fonts
//   node scripts/system-deps.mjs --for test    + Chromium (end-to-end tests),
//                                              GStreamer's RTSP server, poppler
//
// Elsewhere it prints what to install and fails, rather than guessing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const purpose = process.argv.includes('--for') ? process.argv[process.argv.indexOf('--for') + 1] : 'start';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const python3Has = (mod) => existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', mod], { stdio: 'ignore' }).status === 0;

const needs = [
  { what: 'ffmpeg and ffprobe', ok: () => has('ffmpeg') && has('ffprobe'), packages: ['ffmpeg'] },
  { what: 'DejaVu fonts (burnt-in overlays)', ok: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'), packages: ['fonts-dejavu-core'] },
];
if (purpose === 'test') {
  needs.push(
    { what: 'Chromium (end-to-end tests)', ok: () => existsSync('/usr/bin/chromium'), packages: ['chromium'] },
    {
      what: "GStreamer's RTSP server (third-party RTSP source in tests)",
      ok: () => python3Has("import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"),
      packages: ['python3-gi', 'gir1.2-gst-rtsp-server-1.0', 'gstreamer1.0-plugins-base', 'gstreamer1.0-plugins-good', 'gstreamer1.0-plugins-bad', 'gstreamer1.0-plugins-ugly', 'gstreamer1.0-libav', 'gstreamer1.0-tools'],
    },
    { what: 'poppler (PDF pages to PNG in tests)', ok: () => has('pdftoppm'), packages: ['poppler-utils'] },
  );
}

const missing = needs.filter((n) => !n.ok());
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.flatMap((n) => n.packages))];
const canApt = process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && has('apt-get');
if (!canApt || process.env.CCTV_NO_AUTO_INSTALL) {
  console.error(`Missing: ${missing.map((n) => n.what).join('; ')}.`);
  console.error(`Install them with: sudo apt-get install -y ${packages.join(' ')}`);
  console.error('(On Windows the packaged app ships ffmpeg; for development set CCTV_FFMPEG and CCTV_FFPROBE.)');
  process.exit(1);
}

console.log(`Installing from Debian's packages: ${packages.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', ...packages])) {
  console.error(`apt-get could not install: ${packages.join(' ')}`);
  process.exit(1);
}
const still = missing.filter((n) => !n.ok());
if (still.length) {
  console.error(`Still missing after install: ${still.map((n) => n.what).join('; ')}`);
  process.exit(1);
}
