/**
 * PCN numbers: a two-letter council prefix, the zero-padded sequence number,
 * and one check digit — e.g. "KT000012348".
 *
 * The check digit is Luhn mod 10 (ISO/IEC 7812-1 Annex B) over the digits,
 * chosen because it is a single *digit* (a mod 11 scheme such as ISO 7064
 * MOD 11-2 sometimes needs "X", which payment lines and phone keypads
 * handle badly), it catches every single-digit mistake and almost every
 * swap of neighbouring digits (all but 09↔90), and every card-payment
 * system the council's payment provider runs already implements it. The
 * prefix is checked against the council's own, not by the check digit.
 * Allocating the sequence is the store's job, not this module's.
 */
export const PCN_NUMBER_DEFAULTS = { sequenceDigits: 8 } as const;

export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError(`Luhn needs digits, got ${JSON.stringify(digits)}`);
  let sum = 0;
  // Double every second digit counting from the right of the payload (the
  // check digit will sit to its right).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export interface PcnNumberParts {
  prefix: string;
  sequence: number;
}

export function formatPcnNumber(parts: PcnNumberParts, sequenceDigits: number = PCN_NUMBER_DEFAULTS.sequenceDigits): string {
  const prefix = parts.prefix.toUpperCase();
  if (!/^[A-Z]{2}$/.test(prefix)) throw new RangeError(`council prefix must be two letters, got ${JSON.stringify(parts.prefix)}`);
  if (!Number.isSafeInteger(parts.sequence) || parts.sequence < 1) throw new RangeError(`sequence must be a whole number ≥ 1, got ${parts.sequence}`);
  const seq = String(parts.sequence).padStart(sequenceDigits, '0');
  if (seq.length > sequenceDigits) throw new RangeError(`sequence ${parts.sequence} does not fit in ${sequenceDigits} digits`);
  return `${prefix}${seq}${luhnCheckDigit(seq)}`;
}

export type PcnNumberParse =
  | { ok: true; pcnNumber: string; prefix: string; sequence: number; checkDigit: number }
  | { ok: false; error: string };

/**
 * Reads a PCN number as a person might type it (spaces, lower case) and
 * checks its shape, prefix (when the council's is given) and check digit.
 */
export function parsePcnNumber(
  text: string,
  options: { prefix?: string; sequenceDigits?: number } = {},
): PcnNumberParse {
  const digits = options.sequenceDigits ?? PCN_NUMBER_DEFAULTS.sequenceDigits;
  const s = text.replace(/[\s-]/g, '').toUpperCase();
  const m = new RegExp(`^([A-Z]{2})(\\d{${digits}})(\\d)$`).exec(s);
  if (!m) {
    return { ok: false, error: `"${text}" is not a PCN number: expected 2 letters, ${digits} digits and a check digit (${digits + 3} characters)` };
  }
  const [, prefix, seq, check] = m as unknown as [string, string, string, string];
  if (options.prefix !== undefined && prefix !== options.prefix.toUpperCase()) {
    return { ok: false, error: `"${text}" has prefix ${prefix}, not this council's ${options.prefix.toUpperCase()}` };
  }
  const expected = luhnCheckDigit(seq);
  if (Number(check) !== expected) {
    return { ok: false, error: `"${text}" fails its check digit (a digit is mistyped or two are swapped)` };
  }
  const sequence = Number(seq);
  if (sequence < 1) return { ok: false, error: `"${text}" has sequence 0, which is never issued` };
  return { ok: true, pcnNumber: s, prefix, sequence, checkDigit: expected };
}
