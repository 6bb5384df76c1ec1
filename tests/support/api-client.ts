import { routes, type RouteName } from '../../main/api/contract.js';

/** A minimal client for tests: real HTTP against a running core. */
export async function call(
  base: string,
  name: RouteName,
  opts: { token?: string; body?: unknown; params?: Record<string, string | number>; query?: Record<string, string | number>; rawBody?: string; contentType?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked field by field in each test
): Promise<{ status: number; json: any }> {
  const def = routes[name];
  let path: string = def.path;
  for (const [k, v] of Object.entries(opts.params ?? {})) path = path.replace(`:${k}`, encodeURIComponent(String(v)));
  const qs = opts.query ? `?${new URLSearchParams(Object.entries(opts.query).map(([k, v]): [string, string] => [k, String(v)]))}` : '';
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] = opts.contentType ?? 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}${qs}`, { method: def.method, headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
