import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The core serves this build under a strict Content Security Policy
// (script-src 'self', style-src 'self'): every script and stylesheet must be a
// file, so nothing may be inlined into index.html. Vite's module-preload
// polyfill is an inline script, hence it is switched off; all supported
// runtimes (Electron's Chromium, current browsers) preload natively.
//
// No Node imports here: lint treats renderer/ as browser code. Vite supplies
// import.meta.dirname when it bundles this file, so the build works from any cwd.
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    // Relative to root: <repo>/dist/renderer, which the core serves.
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // Never turn small assets into data: URLs inside CSS/JS; keep them as files.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    // `vite --config renderer/vite.config.ts` against a running core (`cctv serve --port 4780`).
    proxy: {
      '/api': { target: 'http://127.0.0.1:4780', ws: true },
    },
  },
});
