#!/usr/bin/env node
// The `cctv` command. In a source checkout it runs the TypeScript directly
// (through tsx), so `npx cctv` works straight after `npm ci`; in a packaged
// build it runs the compiled JavaScript in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'main', 'cli.ts');
let entry;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = source;
} else {
  entry = path.join(root, 'dist', 'main', 'cli.js');
}
const { main } = await import(pathToFileURL(entry).href);
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
