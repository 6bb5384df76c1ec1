import { ApiError } from './api-error';

/**
 * Turns a refusal into messages to show beside the form's fields.
 * `form` holds whatever did not belong to one field.
 */
export function fieldErrorsFrom<F extends string>(e: unknown, fields: readonly F[]): { fields: Partial<Record<F, string>>; form: string | null } {
  const out: Partial<Record<F, string>> = {};
  const loose = out as Record<string, string>;
  if (!(e instanceof ApiError)) return { fields: out, form: e instanceof Error ? e.message : String(e) };
  const known = (f: string): f is F => (fields as readonly string[]).includes(f);

  if (e.code === 'weak-password' && known('password')) {
    const problems = (e.details as { problems?: unknown } | undefined)?.problems;
    const list = Array.isArray(problems) ? problems.map(String) : [];
    loose.password = list.length ? `Password ${list.join('; ')}.` : e.message;
    return { fields: out, form: null };
  }
  if (e.code === 'invalid-request' && Array.isArray(e.details)) {
    const rest: string[] = [];
    for (const d of e.details as { path?: unknown; message?: unknown }[]) {
      const path = String(d.path ?? '');
      const message = String(d.message ?? '');
      if (known(path) && !out[path]) out[path] = capitalise(message);
      else rest.push(`${path}: ${message}`);
    }
    return { fields: out, form: rest.length ? rest.join('; ') : null };
  }
  if (e.status === 409 && known('username') && /username/i.test(e.message)) {
    loose.username = capitalise(e.message);
    return { fields: out, form: null };
  }
  return { fields: out, form: e.message };
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
