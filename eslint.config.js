// Lint, including the import rules of DESIGN.md ("rules that keep the house
// readable, enforced by lint, not memory").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeIo = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'net', 'dgram', 'http', 'https', 'os', 'crypto', 'worker_threads', 'stream', 'events'];

const sqlOnlyInStore = { group: ['better-sqlite3'], message: 'Only main/store/ holds SQL (DESIGN.md): go through a store module.' };
const spawnOnlyInNative = { group: ['node:child_process', 'child_process'], message: 'Only native/ spawns processes (DESIGN.md): use native/ supervised processes.' };
const electronOnlyInApp = { group: ['electron', 'electron/*'], message: 'Only main/app/ imports electron (DESIGN.md): everything else runs on plain Node.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'fixtures/generated/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: [sqlOnlyInStore, spawnOnlyInNative, electronOnlyInApp] }],
    },
  },
  {
    // The law lives here as pure functions: no I/O of any kind.
    files: ['main/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeIo, message: 'main/domain/ is pure (DESIGN.md): no Node I/O modules.' },
            { group: ['**/store/**', '**/native/**', '**/api/**', '**/app/**', 'better-sqlite3', 'electron', 'fastify', 'pino'], message: 'main/domain/ imports nothing with I/O (DESIGN.md).' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'main/domain/ is pure: no network.' }, { name: 'process', message: 'main/domain/ is pure: no process state.' }],
    },
  },
  {
    files: ['main/store/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [spawnOnlyInNative, electronOnlyInApp] }] },
  },
  {
    files: ['native/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sqlOnlyInStore, electronOnlyInApp] }] },
  },
  {
    files: ['main/app/**/*.ts', 'main/app/**/*.cts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sqlOnlyInStore, spawnOnlyInNative] }] },
  },
  {
    // Test and simulation tooling may drive processes and SQL directly: it
    // stands in for cameras and checks files on disk from outside the app.
    files: ['tests/**/*.ts', 'fixtures/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bin/**/*.mjs'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronOnlyInApp] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+main/(?!api/contract(\\.js)?$)',
              message: 'The renderer imports nothing from main/ but the contract’s types (DESIGN.md).',
            },
            { group: nodeIo, message: 'The renderer runs sandboxed in a browser: no Node modules.' },
            { group: ['better-sqlite3', 'electron', 'fastify', 'pino', 'zod'], message: 'The renderer talks to the core only through the API.' },
          ],
        },
      ],
    },
  },
  {
    // …and from the contract, types only (a value import would pull zod and server code into the bundle).
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: 'main/api/contract', allowTypeImports: true, message: 'Import the contract with `import type` only.' }] },
      ],
    },
  },
);
