/**
 * Input checks shared by the argument builders. They throw plain Errors with a
 * message naming the option, because a nonsense value (negative time, empty
 * list) would otherwise surface as an obscure ffmpeg failure minutes later.
 */

/** True when the text holds an ASCII control character (NUL, newline, tab, DEL…). */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export function requireNonEmptyString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${name} must be a non-empty string`);
  }
  // A NUL cannot be passed in argv; other control characters in a path or URL
  // are almost certainly a bug upstream.
  if (hasControlCharacter(value)) {
    throw new Error(`${name} must not contain control characters`);
  }
  return value;
}

export function requireFiniteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

export function requireNonNegative(name: string, value: unknown): number {
  const n = requireFiniteNumber(name, value);
  if (n < 0) throw new Error(`${name} must not be negative, got ${n}`);
  return n;
}

export function requirePositive(name: string, value: unknown): number {
  const n = requireFiniteNumber(name, value);
  if (n <= 0) throw new Error(`${name} must be greater than zero, got ${n}`);
  return n;
}

export function requirePositiveInteger(name: string, value: unknown): number {
  const n = requirePositive(name, value);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, got ${n}`);
  return n;
}

export function requireNonNegativeInteger(name: string, value: unknown): number {
  const n = requireNonNegative(name, value);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, got ${n}`);
  return n;
}

export function requireOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${String(value)}`);
  }
  return value as T;
}

/**
 * Seconds formatted for ffmpeg time options. Fixed to microseconds (ffmpeg's
 * own resolution) so a value like 1e-7 does not become "1e-7", which ffmpeg
 * cannot parse.
 */
export function formatSeconds(seconds: number): string {
  const fixed = seconds.toFixed(6);
  return fixed.replace(/\.?0+$/, '') || '0';
}
