import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCore } from '../../../main/core.js';
import { silentLogger } from '../../../main/log/logger.js';
import { tempDir } from '../../support/temp-dir.js';
import { percentile, type BenchSuite } from '../figure.js';

async function latencies(url: string, n: number, headers: Record<string, string> = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

/** The core's request overhead (auth, validation, JSON) against a bare node:http server on the same loopback. */
export const apiSuite: BenchSuite = {
  name: 'api',
  async run() {
    const tmp = tempDir('cctv-bench-api-');
    const t0 = performance.now();
    const core = await createCore({ dataDir: tmp.dir, mode: 'server', port: 0, logger: silentLogger(), rendererDir: null });
    const startupMs = performance.now() - t0;
    const bare = http.createServer((_req, res) => res.end(JSON.stringify({ status: 'ok' })));
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    try {
      await latencies(bareUrl, 200);
      await latencies(`${core.url}/api/health`, 200);
      const bareLat = await latencies(bareUrl, 2000);
      const coreLat = await latencies(`${core.url}/api/health`, 2000);
      return [
        { name: 'core.startup_ms', value: Math.round(startupMs), unit: 'ms', baseline: null, baselineLabel: 'open store + listen' },
        { name: 'api.health_median_ms', value: percentile(coreLat, 50), unit: 'ms', baseline: percentile(bareLat, 50), baselineLabel: 'bare node:http' },
        { name: 'api.health_p99_ms', value: percentile(coreLat, 99), unit: 'ms', baseline: percentile(bareLat, 99), baselineLabel: 'bare node:http' },
      ];
    } finally {
      bare.close();
      await core.stop();
      tmp.cleanup();
    }
  },
};
