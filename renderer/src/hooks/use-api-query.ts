import { useCallback, useEffect, useState } from 'react';
import type { Reply, RouteName } from '../../../main/api/contract';
import type { CallInput } from '../api/api-client';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';

export type QueryState<T> =
  | { status: 'idle'; data: undefined; error: null }
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: ApiError | Error };

type Settled<T> = { request: string; data: T; error: null } | { request: string; data: T | undefined; error: ApiError | Error };

/**
 * Loads a GET route and keeps the answer: `const users = useApiQuery('listUsers')`.
 * Re-fetches when the input changes (compared by value) or on `reload()`; a
 * newer request cancels an older one, and unmounting cancels it too.
 * `data` keeps the previous answer while reloading, so tables don't flash.
 */
export function useApiQuery<N extends RouteName>(name: N, input?: Omit<CallInput<N>, 'signal'>, opts: { enabled?: boolean } = {}) {
  const api = useApi();
  const enabled = opts.enabled ?? true;
  const key = JSON.stringify(input ?? {});
  const [nonce, setNonce] = useState(0);
  // Which request this answer belongs to; anything else is still loading.
  const request = `${name} ${key} ${nonce}`;
  const [settled, setSettled] = useState<Settled<Reply<N>> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    const parsed = JSON.parse(key) as CallInput<N>;
    const call = api.call as (n: N, i: CallInput<N>) => Promise<Reply<N>>;
    const id = `${name} ${key} ${nonce}`;
    call(name, { ...parsed, signal: controller.signal }).then(
      (data) => setSettled({ request: id, data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSettled((s) => ({ request: id, data: s?.data, error: error instanceof Error ? error : new ApiError(0, 'unknown', String(error)) }));
      },
    );
    return () => controller.abort();
  }, [api, name, key, nonce, enabled]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  let state: QueryState<Reply<N>>;
  if (!enabled) state = { status: 'idle', data: undefined, error: null };
  else if (!settled || settled.request !== request) state = { status: 'loading', data: settled?.data, error: null };
  else if (settled.error) state = { status: 'error', data: settled.data, error: settled.error };
  else state = { status: 'ready', data: settled.data as Reply<N>, error: null };
  return { ...state, reload };
}
