// The bearer token lives in sessionStorage: it survives a reload of the
// workstation tab but not closing it, and is never shared with other tabs or
// written to disk by the renderer. Signing out removes it.
const key = 'cctv.session-token';

export const tokenStore = {
  get(): string | null {
    try {
      return window.sessionStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(token: string): void {
    window.sessionStorage.setItem(key, token);
  },
  clear(): void {
    try {
      window.sessionStorage.removeItem(key);
    } catch {
      // Storage disabled: nothing was kept, so there is nothing to clear.
    }
  },
};
