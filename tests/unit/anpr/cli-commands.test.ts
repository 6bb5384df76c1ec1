import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anprParseCommand } from '../../../main/cli/commands/anpr-parse.js';
import { whitelistCheckCommand } from '../../../main/cli/commands/whitelist-check.js';
import { whitelistImportCommand } from '../../../main/cli/commands/whitelist-import.js';
import { tempDir } from '../../support/temp-dir.js';

const samples = path.resolve(import.meta.dirname, '../../../fixtures/anpr/samples');
const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
};
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('cctv anpr parse', () => {
  it('prints the reads as JSON lines and exits 0 for a good push', async () => {
    const c = io();
    expect(await anprParseCommand.run([path.join(samples, 'hikvision-anpr-multipart.bin'), '--now', '2025-06-02T08:00:00Z'], c.io)).toBe(0);
    expect(JSON.parse(c.out[0]!)).toMatchObject({ plate: 'AB12CDE', vrm: 'AB12CDE', time: '2025-06-02T07:45:12.340Z', confidence: 94, direction: 'approaching', images: [{ name: 'licensePlatePicture.jpg' }, { name: 'detectionPicture.jpg' }] });
  });

  it('exits 1 and says which rows it refuses', async () => {
    const c = io();
    expect(await anprParseCommand.run([path.join(samples, 'reads-batch.csv'), '--format', 'csv', '--now', '2025-10-26T02:00:00Z'], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/line 10 confidence: confidence 140 is outside 0-100/);
    expect(c.out.length).toBeGreaterThan(0);
  });
});

describe('cctv whitelist import / check', () => {
  it('imports all-or-nothing and checks with near misses', async () => {
    const d = tempDir('cctv-wl-cli-');
    dirs.push(d);
    const bad = path.join(d.dir, 'bad.csv');
    writeFileSync(bad, 'vrm,category,scope_cameras,scope_types,valid_from,valid_to,source,notes\nAB12CDE,bus-operator,,,2025-01-01,,Metro,\nXX,nonsense,,,2025-01-01,,,\n');
    const c1 = io();
    expect(await whitelistImportCommand.run([bad, '--data', d.dir], c1.io)).toBe(1);
    expect(JSON.parse(c1.out[0]!)).toMatchObject({ imported: 0 });
    const good = path.join(d.dir, 'good.csv');
    writeFileSync(good, 'vrm,category,scope_cameras,scope_types,valid_from,valid_to,source,notes\nAB12CDE,bus-operator,,,2025-01-01,,Metro,\n');
    const c2 = io();
    expect(await whitelistImportCommand.run([good, '--data', d.dir], c2.io)).toBe(0);
    const c3 = io();
    expect(await whitelistCheckCommand.run(['AB12CD8', '--data', d.dir], c3.io)).toBe(0);
    const r = JSON.parse(c3.out[0]!);
    expect(r.exempt).toBe(false);
    expect(r.nearMisses[0].vrm).toBe('AB12CDE');
    const c4 = io();
    await whitelistCheckCommand.run(['AB12 CDE', '--data', d.dir], c4.io);
    expect(JSON.parse(c4.out[0]!).exempt).toBe(true);
  });
});
