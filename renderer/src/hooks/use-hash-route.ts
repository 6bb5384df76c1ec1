import { useCallback, useSyncExternalStore } from 'react';

// Routing lives in the URL's hash (#/live, #/admin): the core serves one
// index.html and needs no knowledge of the renderer's pages, and it works the
// same from a file-less Electron window and a browser.

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentPath(): string {
  const raw = window.location.hash.replace(/^#/, '');
  return raw.startsWith('/') ? raw : `/${raw}`;
}

/** The path after '#', e.g. "/live" (query part included, if any). */
export function useHashRoute(): [path: string, navigate: (path: string, opts?: { replace?: boolean }) => void] {
  const path = useSyncExternalStore(subscribe, currentPath, () => '/');
  const navigate = useCallback((to: string, opts?: { replace?: boolean }) => {
    const hash = `#${to.startsWith('/') ? to : `/${to}`}`;
    if (opts?.replace) {
      window.history.replaceState(null, '', hash);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else if (window.location.hash !== hash) {
      window.location.hash = hash;
    }
  }, []);
  return [path, navigate];
}
