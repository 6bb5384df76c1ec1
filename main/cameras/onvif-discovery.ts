import { createSocket, type Socket } from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { buildProbe, parseProbeMatches, summariseScopes, WS_DISCOVERY, type ScopeSummary } from './discovery-xml.js';

/**
 * ONVIF discovery: one WS-Discovery Probe (SOAP over UDP) sent to the
 * multicast group 239.255.255.250:3702 and to any unicast targets (a camera
 * subnet's known addresses, or the simulated estate on loopback, where there
 * is no multicast route). Replies are collected for a window and deduplicated
 * by endpoint reference, which is stable when a camera changes address.
 */

export interface DiscoveryTarget {
  host: string;
  port: number;
}

export interface DiscoveryOptions {
  /** Unicast targets probed as well as (or instead of) the multicast group. */
  targets?: readonly DiscoveryTarget[];
  /** Probe the multicast group. Default true. */
  multicast?: boolean;
  /** How long to collect replies, ms. Default 3000; cameras answer within 0.5 s (APP_MAX_DELAY). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface DiscoveredDevice extends ScopeSummary {
  endpoint: string;
  xaddrs: string[];
  scopes: string[];
  /** Where the reply came from. */
  from: { address: string; port: number };
}

export interface DiscoveryOutcome {
  devices: DiscoveredDevice[];
  /** Targets that could not be probed (e.g. no multicast route), and replies refused as unreadable. */
  warnings: string[];
}

const MAX_DEVICES = 1024;

export async function discoverOnvif(opts: DiscoveryOptions = {}): Promise<DiscoveryOutcome> {
  const messageId = `urn:uuid:${randomUUID()}`;
  const probe = Buffer.from(buildProbe(messageId));
  const found = new Map<string, DiscoveredDevice>();
  const warnings: string[] = [];
  let refused = 0;
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  socket.on('message', (msg, rinfo) => {
    const parsed = parseProbeMatches(msg);
    if (!parsed.ok) {
      refused++;
      return;
    }
    for (const m of parsed.matches) {
      // A reply to somebody else's probe (or a replay) is not an answer to ours.
      if (m.relatesTo !== undefined && m.relatesTo !== messageId) continue;
      if (found.has(m.endpoint) || found.size >= MAX_DEVICES) continue;
      found.set(m.endpoint, { endpoint: m.endpoint, xaddrs: m.xaddrs, scopes: m.scopes, ...summariseScopes(m.scopes), from: { address: rinfo.address, port: rinfo.port } });
    }
  });
  try {
    await bind(socket);
    // After bind, errors (ICMP port unreachable from a silent target) only mean no reply from there.
    socket.on('error', () => undefined);
    const sends: { host: string; port: number; label: string }[] = [];
    if (opts.multicast ?? true) sends.push({ host: WS_DISCOVERY.address, port: WS_DISCOVERY.port, label: 'multicast' });
    for (const t of opts.targets ?? []) sends.push({ host: t.host, port: t.port, label: `${t.host}:${t.port}` });
    await Promise.all(
      sends.map(
        (s) =>
          new Promise<void>((resolve) =>
            socket.send(probe, s.port, s.host, (err) => {
              if (err) warnings.push(`could not probe ${s.label}: ${err.message}`);
              resolve();
            }),
          ),
      ),
    );
    await wait(opts.timeoutMs ?? 3000, opts.signal);
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
  if (refused > 0) warnings.push(`${refused} unreadable discovery repl${refused === 1 ? 'y was' : 'ies were'} ignored`);
  return { devices: [...found.values()], warnings };
}

function bind(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** "host:port" or "host" (port 3702) → a target; throws with a message naming the bad entry. */
export function parseDiscoveryTarget(text: string): DiscoveryTarget {
  const t = text.trim();
  const m = /^(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(t);
  if (!m) throw new Error(`"${t}" is not a discovery target: use host or host:port (e.g. 192.0.2.20 or 127.0.0.1:3702)`);
  const port = m[2] === undefined ? WS_DISCOVERY.port : Number(m[2]);
  if (port < 1 || port > 65535) throw new Error(`"${t}": port must be 1–65535`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}
