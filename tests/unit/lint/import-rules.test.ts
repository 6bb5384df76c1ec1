import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The architecture's import rules (DESIGN.md) are enforced by lint; this
// proves each rule actually bites, so a config change cannot quietly drop one.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../../..') });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => /restricted/.test(m.ruleId ?? '')).map((m) => m.message);
}

describe('import rules', () => {
  it.each([
    ['main/domain/x-probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /main\/domain\/ is pure/],
    ['main/domain/x-probe.ts', "import { Store } from '../store/store.js';\nexport const x = Store;\n", /imports nothing with I\/O/],
    ['main/api/x-probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", /Only main\/store\/ holds SQL/],
    ['main/api/x-probe.ts', "import { spawn } from 'node:child_process';\nexport const x = spawn;\n", /Only native\/ spawns/],
    ['main/store/x-probe.ts', "import { app } from 'electron';\nexport const x = app;\n", /Only main\/app\/ imports electron/],
    ['native/x-probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", /Only main\/store\/ holds SQL/],
    ['renderer/src/x-probe.ts', "import { Store } from '../../main/store/store.js';\nexport const x = Store;\n", /imports nothing from main\/ but the contract/],
    ['renderer/src/x-probe.ts', "import { routes } from '../../main/api/contract.js';\nexport const x = routes;\n", /import type/],
  ])('%s: %s is refused', async (file, code, message) => {
    expect((await problems(file, code)).join('\n')).toMatch(message);
  });

  it.each([
    ['main/store/x-probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['native/x-probe.ts', "import { spawn } from 'node:child_process';\nexport const x = spawn;\n"],
    ['main/app/x-probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['renderer/src/x-probe.ts', "import type { Role } from '../../main/api/contract.js';\nexport const x: Role = 'officer';\n"],
    ['main/domain/x-probe.ts', "import { DateTime } from 'luxon';\nexport const x = DateTime;\n"],
  ])('%s: allowed import passes', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
