import { CsvSyntaxError, formatCsv, looksLikeFormula, parseCsv } from '../anpr/csv.js';
import { ukDateTime } from '../domain/uk-time.js';
import type { KeeperEnquiryChannel, KeeperReply, RowError } from './keeper-channel.js';

export const ENQUIRY_HEADER = ['enquiry_ref', 'vrm', 'event_date_time', 'reason_code', 'enquirer_code'] as const;
export const REPLY_HEADER = ['enquiry_ref', 'keeper_name', 'address_line_1', 'address_line_2', 'address_line_3', 'address_line_4', 'postcode', 'make', 'model', 'colour'] as const;

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;

/** The CSV stand-in for the DVLA channel: event time as UK local ISO with offset, so no zone is guessed at either end. */
export const csvKeeperChannel: KeeperEnquiryChannel = {
  name: 'csv',
  formatBatch(batchRef, enquiries) {
    const rows = enquiries.map((e) => [e.enquiryRef, e.vrm, ukDateTime(e.eventAt).toISO({ suppressMilliseconds: true }), e.reasonCode, e.enquirerCode]);
    return { fileName: `keeper-enquiries-${batchRef}.csv`, mediaType: 'text/csv', content: formatCsv(ENQUIRY_HEADER, rows) };
  },
  parseReplies(content) {
    const errors: RowError[] = [];
    const replies: KeeperReply[] = [];
    let records;
    try {
      records = parseCsv(content);
    } catch (e) {
      if (e instanceof CsvSyntaxError) return { replies, errors: [{ line: e.line, message: e.message }] };
      throw e;
    }
    const header = records.shift();
    if (!header) return { replies, errors: [{ line: 1, message: 'the file is empty (expected a header row)' }] };
    const names = header.fields.map((f) => f.trim().toLowerCase());
    const missing = ['enquiry_ref', 'keeper_name', 'address_line_1', 'postcode', 'make', 'model', 'colour'].filter((n) => !names.includes(n));
    if (missing.length) return { replies, errors: [{ line: 1, message: `the header lacks ${missing.join(', ')} (expected ${REPLY_HEADER.join(',')})` }] };
    const seen = new Set<string>();
    for (const r of records) {
      const get = (n: string) => (r.fields[names.indexOf(n)] ?? '').trim();
      const rowErrors: RowError[] = [];
      if (r.fields.length !== names.length) rowErrors.push({ line: r.line, message: `has ${r.fields.length} fields, the header has ${names.length}` });
      for (const [i, v] of r.fields.entries()) {
        if (looksLikeFormula(v.trim())) rowErrors.push({ line: r.line, field: names[i] ?? `field ${i + 1}`, message: 'starts like a spreadsheet formula; refused' });
      }
      const ref = get('enquiry_ref');
      for (const n of ['enquiry_ref', 'keeper_name', 'address_line_1', 'make', 'colour']) {
        if (!get(n)) rowErrors.push({ line: r.line, field: n, message: `${n} is empty` });
      }
      const postcode = get('postcode').toUpperCase();
      if (!POSTCODE.test(postcode)) rowErrors.push({ line: r.line, field: 'postcode', message: `"${get('postcode')}" is not a UK postcode` });
      if (ref && seen.has(ref)) rowErrors.push({ line: r.line, field: 'enquiry_ref', message: `enquiry ${ref} appears twice in the file` });
      seen.add(ref);
      if (get('keeper_name').length > 120) rowErrors.push({ line: r.line, field: 'keeper_name', message: 'is longer than 120 characters' });
      if (rowErrors.length) {
        errors.push(...rowErrors);
        continue;
      }
      replies.push({
        line: r.line,
        enquiryRef: ref,
        name: get('keeper_name'),
        addressLines: ['address_line_1', 'address_line_2', 'address_line_3', 'address_line_4'].map(get).filter(Boolean),
        postcode,
        make: get('make'),
        model: get('model'),
        colour: get('colour'),
      });
    }
    if (!records.length) errors.push({ line: 2, message: 'the file has a header but no replies' });
    return { replies, errors };
  },
};
