import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { tokenStore } from '../../api/token-store';

type State = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'missing'; message: string };

/**
 * A picture from one of the core's raw routes, fetched with the bearer token
 * (an <img src> cannot send headers) and shown from a blob: URL that is
 * revoked when replaced or unmounted. `version` re-fetches it.
 */
export function AuthedImage({ path, alt, version = 0, className }: { path: string; alt: string; version?: number; className?: string }) {
  const api = useApi();
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    setState({ status: 'loading' });
    const token = tokenStore.get();
    fetch(api.url(path), { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: controller.signal, cache: 'no-store', credentials: 'omit' })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `the core answered ${res.status}`);
        }
        url = URL.createObjectURL(await res.blob());
        setState({ status: 'ready', url });
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'missing', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, path, version]);

  if (state.status === 'ready') return <img className={className} src={state.url} alt={alt} />;
  return (
    <div className={['health-picture-missing', className].filter(Boolean).join(' ')} role="img" aria-label={`${alt}: ${state.status === 'loading' ? 'loading' : state.message}`}>
      {state.status === 'loading' ? 'Loading…' : state.message}
    </div>
  );
}
