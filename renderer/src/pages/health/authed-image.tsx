import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { tokenStore } from '../../api/token-store';

type Settled = { key: string; url: string; message: null } | { key: string; url: null; message: string };

/**
 * A picture from one of the core's raw routes, fetched with the bearer token
 * (an <img src> cannot send headers) and shown from a blob: URL that is
 * revoked when replaced or unmounted. `version` re-fetches it.
 */
export function AuthedImage({ path, alt, version = 0, className }: { path: string; alt: string; version?: number; className?: string }) {
  const api = useApi();
  const key = `${path}#${version}`;
  const [settled, setSettled] = useState<Settled | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    const token = tokenStore.get();
    fetch(api.url(path), { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: controller.signal, cache: 'no-store', credentials: 'omit' })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `the core answered ${res.status}`);
        }
        url = URL.createObjectURL(await res.blob());
        setSettled({ key: `${path}#${version}`, url, message: null });
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setSettled({ key: `${path}#${version}`, url: null, message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, path, version]);

  // An answer for an older path or version is not shown: this one is still loading.
  const current = settled?.key === key ? settled : null;
  if (current?.url) return <img className={className} src={current.url} alt={alt} />;
  const text = current ? current.message : 'Loading…';
  return (
    <div className={['health-picture-missing', className].filter(Boolean).join(' ')} role="img" aria-label={`${alt}: ${current ? current.message : 'loading'}`}>
      {text}
    </div>
  );
}
