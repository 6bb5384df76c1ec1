import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const project = path.join(repoRoot, 'tests', 'bench', 'tsconfig.bench-core.json');
const outDir = path.join(repoRoot, 'node_modules', '.cache', 'bench-core');

/**
 * Compiles the media bench's core (media-bench-core.ts and the app it
 * starts) with tsc, as `npm run build:main` compiles the app that
 * electron-builder packages, and returns the script to run with plain
 * `node`. The recorder's figures are then those of the JavaScript an
 * officer's workstation runs, not of the TypeScript loader behind the
 * developer commands. Measured on this machine, four cameras recording
 * through one core: 0.89 and 1.42 ms/s of CPU above idle compiled, against
 * 1.62 and 2.36 ms/s under tsx (esbuild output with keepNames, source maps
 * on); idle, both cost the same (0.36–0.37 ms/s). Compiled afresh on every
 * run (~11 s), so a bench never measures stale code.
 */
export function compiledBenchCore(): string {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  const script = path.join(outDir, 'tests', 'bench', 'suites', 'media-bench-core.js');
  if (!existsSync(script)) throw new Error(`tsc did not write ${script}`);
  return script;
}
