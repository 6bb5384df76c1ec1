import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Store } from '../../main/store/store.js';
import { PcnStore } from '../../main/store/pcn-store.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * SIGKILL in the middle of issuing PCN numbers, twice, then reopen: every
 * acknowledged number is stored, the series has no gap and no repeat, and
 * the database passes integrity_check.
 */
const tmp = tempDir('cctv-crash-pcn-');
afterAll(() => tmp.cleanup());
const root = path.resolve(import.meta.dirname, '..', '..');

function runAndKill(afterAcks: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests', 'support', 'crash-pcn-writer.ts'), tmp.dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buf = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) acked.push(Number(l));
      if (acked.length >= afterAcks && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer ended without SIGKILL: ${err.slice(-500)}`))));
  });
}

describe('crash safety: PCN numbering', () => {
  it('continues with no gap and no repeat across SIGKILL, and loses no acknowledged number', async () => {
    const first = await runAndKill(200);
    const second = await runAndKill(200);
    const store = Store.open(tmp.dir);
    try {
      expect(store.integrityCheck()).toBe('ok');
      const pcns = new PcnStore(store.db);
      const seqs = (store.db.prepare("SELECT sequence FROM pcns WHERE kind = 'pcn' ORDER BY sequence").all() as { sequence: number }[]).map((r) => r.sequence);
      const last = pcns.lastSequence('pcn');
      expect(seqs).toEqual(Array.from({ length: last }, (_, i) => i + 1));
      for (const s of [...first, ...second]) expect(seqs).toContain(s);
      // The second run picked up right after the first run's last committed number.
      expect(second[0]).toBeGreaterThan(Math.max(...first));
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      store.close();
    }
  });
});
