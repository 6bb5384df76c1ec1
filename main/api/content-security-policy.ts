/**
 * The renderer's Content Security Policy, the same in Electron and in a
 * browser: only our own origin; no inline script, no eval, no remote content.
 * blob: is allowed for media and workers because hls.js feeds the <video>
 * through Media Source Extensions (a blob: URL) and may start a worker.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
