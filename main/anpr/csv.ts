/**
 * RFC 4180 CSV: reading (quoted fields, doubled quotes, CRLF or LF, a quoted
 * field may span lines) and writing. Shared by the read batches and the
 * white-list import/export. Pure.
 */

export interface CsvRecord {
  /** 1-based line number where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  // A byte-order mark from a spreadsheet export is not part of the first header.
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  while (i < s.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let done = false;
    let quotedAt = -1;
    while (!done) {
      if (i >= s.length) {
        fields.push(field);
        break;
      }
      const c = s[i]!;
      if (c === '"' && field === '' && quotedAt === -1) {
        quotedAt = line;
        i++;
        for (;;) {
          if (i >= s.length) throw new CsvSyntaxError(quotedAt, 'a quoted field is never closed');
          const q = s[i]!;
          if (q === '"') {
            if (s[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q === '\n') line++;
          field += q;
          i++;
        }
        const next = s[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(line, 'text after a closing quote (a quote inside a field must be doubled)');
        }
        continue;
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        quotedAt = -1;
        i++;
      } else if (c === '\r' || c === '\n') {
        fields.push(field);
        i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
        line++;
        done = true;
      } else {
        field += c;
        i++;
      }
    }
    // Blank lines (a trailing newline, a spacer row) are not records.
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: start, fields });
  }
  return out;
}

/** One field, quoted when it must be (RFC 4180 §2.6-2.7). */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * A cell that a spreadsheet would run as a formula (CSV injection, OWASP):
 * =, +, -, @, tab or CR first. Refused on import; never written on export.
 */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}
