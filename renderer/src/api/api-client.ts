import type { BodyIn, ParamsIn, QueryIn, Reply, RouteName } from '../../../main/api/contract';
import { ApiError } from './api-error';
import { routeTable, type HttpMethod } from './route-table';

type Empty = Record<never, never>;

type Part<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : undefined extends T
    ? { [P in K]?: T }
    : // A query whose every field is optional (or defaulted) may be left out.
      Empty extends T
      ? { [P in K]?: T }
      : { [P in K]: T };

/** What `call` takes for route N: `params`, `query` and `body` as the contract defines them. */
export type CallInput<N extends RouteName> = Part<'params', ParamsIn<N>> & Part<'query', QueryIn<N>> & Part<'body', BodyIn<N>> & {
  signal?: AbortSignal;
};

/** The input may be omitted when nothing in it is required. */
export type CallArgs<N extends RouteName> = Empty extends CallInput<N> ? [input?: CallInput<N>] : [input: CallInput<N>];

export interface ApiClientOptions {
  /** Origin of the core; '' means the page's own origin (the core serves the renderer). */
  baseUrl?: string;
  getToken: () => string | null;
  /** Called when the core says a session we sent is no longer valid. */
  onSessionEnded?: (error: ApiError) => void;
  fetch?: typeof fetch;
}

export interface ApiClient {
  call<N extends RouteName>(name: N, ...args: CallArgs<N>): Promise<Reply<N>>;
  /** An absolute URL for things that cannot send headers (WebSocket, <video>, downloads). */
  url(path: string, query?: Record<string, string>): string;
}

function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, key: string) => {
    const value = params?.[key];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${key} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function readError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') return new ApiError(res.status, err.code, err.message, err.details);
  return new ApiError(res.status, 'http-error', `the core answered ${res.status} ${res.statusText}`.trim());
}

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const base = (opts.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);

  const url = (path: string, query?: Record<string, string>) => {
    const origin = base || window.location.origin;
    return `${origin}${path}${queryString(query)}`;
  };

  async function call<N extends RouteName>(name: N, ...args: CallArgs<N>): Promise<Reply<N>> {
    const [method, path] = routeTable[name] as readonly [HttpMethod, string];
    const input = (args[0] ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown; signal?: AbortSignal };
    const token = opts.getToken();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const hasBody = method !== 'GET' && method !== 'DELETE';
    if (hasBody) headers['Content-Type'] = 'application/json';

    let res: Response;
    try {
      res = await doFetch(`${base}${fillPath(path, input.params)}${queryString(input.query)}`, {
        method,
        headers,
        // Fastify refuses an empty body with a JSON content type, so send {} when there is none.
        body: hasBody ? JSON.stringify(input.body ?? {}) : undefined,
        signal: input.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'unreachable', 'cannot reach the core; check the connection and try again');
    }
    if (!res.ok) {
      const error = await readError(res);
      // Only a session we actually sent can have ended; a refused sign-in is a 401 too.
      if (res.status === 401 && token) opts.onSessionEnded?.(error);
      throw error;
    }
    return (await res.json()) as Reply<N>;
  }

  return { call, url };
}
