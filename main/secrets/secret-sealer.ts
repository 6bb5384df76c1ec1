/**
 * Seals secrets (camera passwords, ANPR camera keys) before they reach the
 * store, and opens them only where the core needs them (talking to a camera).
 * Secrets are never logged and never sent to the renderer.
 *
 * Desktop: the OS keychain through Electron's safeStorage (main/app/).
 * Server: a key file readable only by its owner (key-file-sealer.ts).
 */
export interface SecretSealer {
  readonly kind: string;
  seal(plain: string): string;
  open(sealed: string): string;
}
