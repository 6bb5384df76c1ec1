// Runs after `npm install` / `npm ci`.
//
// package.json's "allowScripts" stops npm from running the install scripts of
// electron and ffmpeg-static, because both download a binary from the internet
// and fail (failing the whole install) on machines that cannot reach it. Here we
// run those same scripts ourselves and treat a failure as "no binary on this
// machine": the core, the CLI and the tests run on plain Node and the system's
// ffmpeg, and `npm start` falls back to browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function runInstaller(pkg, script) {
  let dir;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return;
  }
  const file = path.join(dir, script);
  if (!existsSync(file)) return;
  if (pkg === 'electron' && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  const result = spawnSync(process.execPath, [file], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    env: process.env,
  });
  if (result.status === 0) {
    console.log(`postinstall: ${pkg} binary installed`);
  } else {
    const why = (result.stderr?.toString() || result.error?.message || '').split('\n').find((l) => l.trim()) ?? 'unknown error';
    console.log(`postinstall: no ${pkg} binary on this machine (${why.trim().slice(0, 160)}); continuing without it`);
  }
}

if (!process.env.CCTV_SKIP_BINARY_DOWNLOADS) {
  runInstaller('electron', 'install.js');
  runInstaller('ffmpeg-static', 'install.js');
}
