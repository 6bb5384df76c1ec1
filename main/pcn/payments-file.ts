import { CsvSyntaxError, parseCsv } from '../anpr/csv.js';
import { isIsoDate } from '../domain/uk-time.js';
import { parseAmount } from './format-money.js';
import type { RowError } from './keeper-channel.js';

export interface PaymentLine {
  line: number;
  pcnNumber: string;
  amountPence: number;
  paidOn: string;
  method: string;
  reference: string;
}

/**
 * A payments file from the council's payment provider: a header with
 * pcn_number, amount (pounds, "£35.00") or amount_pence, date (YYYY-MM-DD
 * or DD/MM/YYYY), method and reference. Reports every bad row; the caller
 * applies nothing unless there are none.
 */
export function parsePaymentsCsv(content: string): { lines: PaymentLine[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const lines: PaymentLine[] = [];
  let records;
  try {
    records = parseCsv(content);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { lines, errors: [{ line: e.line, message: e.message }] };
    throw e;
  }
  const header = records.shift();
  if (!header) return { lines, errors: [{ line: 1, message: 'the file is empty (expected a header row)' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const amountCol = names.includes('amount_pence') ? 'amount_pence' : names.includes('amount') ? 'amount' : null;
  const missing = ['pcn_number', 'date', 'method', 'reference'].filter((n) => !names.includes(n));
  if (!amountCol) missing.push('amount or amount_pence');
  if (missing.length) return { lines, errors: [{ line: 1, message: `the header lacks ${missing.join(', ')}` }] };
  for (const r of records) {
    const get = (n: string) => (r.fields[names.indexOf(n)] ?? '').trim();
    const rowErrors: RowError[] = [];
    const amount = parseAmount(get(amountCol!), amountCol === 'amount_pence' ? 'pence' : 'pounds');
    if (amount === null || amount <= 0) rowErrors.push({ line: r.line, field: amountCol!, message: `"${get(amountCol!)}" is not an amount (${amountCol === 'amount_pence' ? 'whole pence' : 'pounds, e.g. 35.00'})` });
    let date = get('date');
    const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
    if (dmy) date = `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
    if (!isIsoDate(date)) rowErrors.push({ line: r.line, field: 'date', message: `"${get('date')}" is not a date (YYYY-MM-DD or DD/MM/YYYY)` });
    if (!get('pcn_number')) rowErrors.push({ line: r.line, field: 'pcn_number', message: 'pcn_number is empty' });
    if (!get('method')) rowErrors.push({ line: r.line, field: 'method', message: 'method is empty' });
    if (!get('reference')) rowErrors.push({ line: r.line, field: 'reference', message: 'reference is empty' });
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    lines.push({ line: r.line, pcnNumber: get('pcn_number'), amountPence: amount!, paidOn: date, method: get('method'), reference: get('reference') });
  }
  if (!records.length) errors.push({ line: 2, message: 'the file has a header but no payments' });
  return { lines, errors };
}
