import { createContext, useContext, useEffect, useRef } from 'react';
import type { ServerEvent } from '../../../main/api/contract';
import type { LinkStatus, ServerEventConnection } from './use-server-event-connection';

export const ServerEventsContext = createContext<ServerEventConnection | null>(null);

type EventOf<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>;

/**
 * Runs `listener` for each event of the given types the core pushes, e.g.
 * `useServerEvents(['camera-status'], (e) => ...)`. Uses the shell's one
 * WebSocket; unsubscribes on unmount. The listener may change every render.
 */
export function useServerEvents<T extends ServerEvent['type']>(types: readonly T[], listener: (event: EventOf<T>) => void): void {
  const conn = useContext(ServerEventsContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  const key = types.join(',');
  useEffect(() => {
    if (!conn) return;
    const wanted = new Set(key.split(','));
    return conn.subscribe((e) => {
      if (wanted.has(e.type)) latest.current(e as EventOf<T>);
    });
  }, [conn, key]);
}

/** Whether the live link to the core is up (for status displays). */
export function useLinkStatus(): LinkStatus {
  return useContext(ServerEventsContext)?.status ?? 'closed';
}
