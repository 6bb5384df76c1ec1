import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// main/domain is where the law lives: it must import nothing with I/O
// (DESIGN.md "Rules that keep the house readable").
const DIR = join(import.meta.dirname, '../../../main/domain');
const ALLOWED_PACKAGES = new Set(['luxon', 'date-holidays', 'zod']);

describe('main/domain imports', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
  it.each(files)('%s imports only domain files and pure libraries', (file) => {
    const src = readFileSync(join(DIR, file), 'utf8');
    const specs = [...src.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const spec of specs) {
      if (spec.startsWith('./')) {
        expect(spec, `${file}: relative imports end in .js`).toMatch(/\.js$/);
        continue;
      }
      expect(ALLOWED_PACKAGES.has(spec), `${file} imports ${spec}`).toBe(true);
    }
    expect(src).not.toMatch(/\bprocess\.|\brequire\(/);
  });
});
