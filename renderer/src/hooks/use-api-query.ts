import { useCallback, useEffect, useState } from 'react';
import type { Reply, RouteName } from '../../../main/api/contract';
import type { CallInput } from '../api/api-client';
import { useApi } from '../api/api-context';
import { ApiError } from '../api/api-error';

export type QueryState<T> =
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: ApiError | Error };

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
  const [state, setState] = useState<QueryState<Reply<N>>>({ status: 'loading', data: undefined, error: null });

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data, error: null }));
    const parsed = JSON.parse(key) as CallInput<N>;
    const call = api.call as (n: N, i: CallInput<N>) => Promise<Reply<N>>;
    call(name, { ...parsed, signal: controller.signal }).then(
      (data) => setState({ status: 'ready', data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ status: 'error', data: s.data, error: error instanceof Error ? error : new ApiError(0, 'unknown', String(error)) }));
      },
    );
    return () => controller.abort();
  }, [api, name, key, nonce, enabled]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
