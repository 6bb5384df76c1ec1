import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ServerEvent } from '../../../main/api/contract';

export type LinkStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ServerEventConnection {
  status: LinkStatus;
  subscribe: (listener: (event: ServerEvent) => void) => () => void;
}

export interface ConnectionOptions {
  /** The ws:// URL to open, token included; null keeps the link closed. */
  url: string | null;
  /** The core closed the link because the session is no longer valid. */
  onSessionEnded?: () => void;
}

// Reconnect quickly after a blip, then back off so a core that is down
// for maintenance isn't hammered by every desk at once.
const firstRetryMs = 1_000;
const maxRetryMs = 30_000;
/** Close code the core uses when the token is missing, expired or refused. */
const unauthorisedClose = 4401;

/**
 * Owns the one WebSocket to /api/ws for the whole shell: opens it, reconnects
 * with back-off, fans events out to subscribers, and closes it (and any retry
 * timer) on unmount or when the URL changes.
 */
export function useServerEventConnection({ url, onSessionEnded }: ConnectionOptions): ServerEventConnection {
  // The status is remembered with the URL it belongs to; a new URL starts at 'connecting'.
  const [reported, setReported] = useState<{ url: string; status: LinkStatus } | null>(null);
  const listeners = useRef(new Set<(event: ServerEvent) => void>());
  const sessionEnded = useRef(onSessionEnded);
  useEffect(() => {
    sessionEnded.current = onSessionEnded;
  }, [onSessionEnded]);

  useEffect(() => {
    if (!url) return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = firstRetryMs;
    let disposed = false;
    const report = (status: LinkStatus) => setReported({ url, status });

    const connect = () => {
      timer = null;
      socket = new WebSocket(url);
      socket.onopen = () => {
        delay = firstRetryMs;
        report('open');
      };
      socket.onmessage = (msg) => {
        let event: ServerEvent;
        try {
          event = JSON.parse(String(msg.data)) as ServerEvent;
        } catch {
          return;
        }
        for (const l of listeners.current) l(event);
      };
      socket.onclose = (e) => {
        socket = null;
        if (disposed) return;
        if (e.code === unauthorisedClose) {
          report('closed');
          sessionEnded.current?.();
          return;
        }
        report('reconnecting');
        const wait = delay * (0.75 + Math.random() * 0.5);
        delay = Math.min(delay * 2, maxRetryMs);
        timer = setTimeout(connect, wait);
      };
    };

    connect();
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      if (socket) {
        socket.onclose = null;
        socket.onmessage = null;
        socket.onopen = null;
        socket.close(1000, 'closed by the workstation');
      }
    };
  }, [url]);

  const subscribe = useCallback((listener: (event: ServerEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const status: LinkStatus = !url ? 'closed' : reported?.url === url ? reported.status : 'connecting';
  return useMemo(() => ({ status, subscribe }), [status, subscribe]);
}
