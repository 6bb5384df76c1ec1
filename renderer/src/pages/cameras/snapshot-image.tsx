import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { tokenStore } from '../../api/token-store';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Loading } from '../../components/loading';

type State = { status: 'idle' | 'loading' } | { status: 'ready'; url: string } | { status: 'error'; message: string };

/**
 * The camera's current still, fetched through the core with the bearer token
 * (an <img src> cannot send headers) and shown from a blob: URL, revoked when
 * replaced or unmounted. Fetched on request, not on opening: each look is
 * audited by the core as a view of the camera's picture.
 */
export function SnapshotImage({ cameraId, cameraName }: { cameraId: number; cameraName: string }) {
  const api = useApi();
  const [state, setState] = useState<State>({ status: 'idle' });
  const pending = useRef<AbortController | null>(null);
  const shown = useRef<string | null>(null);

  useEffect(
    () => () => {
      pending.current?.abort();
      if (shown.current) URL.revokeObjectURL(shown.current);
    },
    [],
  );

  const load = async () => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setState({ status: 'loading' });
    try {
      const token = tokenStore.get();
      const res = await fetch(api.url(`/api/cameras/${cameraId}/snapshot`), { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `the core answered ${res.status}`);
      }
      const url = URL.createObjectURL(await res.blob());
      if (shown.current) URL.revokeObjectURL(shown.current);
      shown.current = url;
      setState({ status: 'ready', url });
    } catch (e) {
      if (controller.signal.aborted) return;
      setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="camera-snapshot-frame">
      {state.status === 'ready' ? <img className="camera-snapshot" src={state.url} alt={`Snapshot from ${cameraName}`} /> : null}
      {state.status === 'loading' ? <Loading label="Fetching a snapshot from the camera…" /> : null}
      {state.status === 'error' ? (
        <Alert tone="error" title="No snapshot.">
          {state.message}
        </Alert>
      ) : null}
      <div>
        <Button size="small" onClick={() => void load()} busy={state.status === 'loading'}>
          {state.status === 'idle' ? 'Show snapshot' : 'Refresh snapshot'}
        </Button>
      </div>
    </div>
  );
}
