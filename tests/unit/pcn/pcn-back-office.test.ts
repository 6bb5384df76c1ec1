import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../main/api/api-failure.js';
import { goodWorld, pcnHarness } from './pcn-fixture.js';

let h: ReturnType<typeof pcnHarness> | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

function rowsRefused(fn: () => unknown): { line: number; field?: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiFailure);
    expect((e as ApiFailure).code).toBe('rows-rejected');
    return ((e as ApiFailure).details as { errors: { line: number; field?: string; message: string }[] }).errors;
  }
  throw new Error('expected the file to be refused');
}

const REPLY_HEADER = 'enquiry_ref,keeper_name,address_line_1,address_line_2,address_line_3,address_line_4,postcode,make,model,colour';

/** Two PCNs issued, enquired and answered; returns their ids and the enquiry refs. */
function toKeeperKnown() {
  h = pcnHarness(goodWorld());
  const a = h.service.issueFromDecision({ eventId: 1, officer: h.officer, code: '34J', vehicle: { make: 'Ford', colour: 'Blue' } });
  const b = h.service.issueFromDecision({ eventId: 2, officer: h.officer, code: '34J' });
  const batch = h.service.exportKeeperBatch(h.officer);
  const refs = batch.content.trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]!);
  return { a, b, batch, refs };
}

describe('keeper enquiries', () => {
  it('exports a batch with VRM, event time, reason and enquirer codes, and moves the cases on', () => {
    const { a, batch, refs } = toKeeperKnown();
    expect(batch.count).toBe(2);
    expect(batch.content.split(/\r?\n/)[0]).toBe('enquiry_ref,vrm,event_date_time,reason_code,enquirer_code');
    expect(batch.content).toContain('AB12CDE,2025-03-04T08:15:30Z,PCN,DB0001'.replace('Z', '+00:00'));
    expect(refs).toHaveLength(2);
    expect(h!.service.get(a.id).stage).toBe('keeper-requested');
  });

  it('refuses a reply with any bad row, names each, and applies nothing', () => {
    const { a, b, refs } = toKeeperKnown();
    const csv = [
      REPLY_HEADER,
      `${refs[0]},Jane Keeper,1 Acacia Ave,,,,DT1 2AB,Ford,Focus,Blue`,
      `${refs[1]},,2 Elm Rd,,,,NOT A POSTCODE,Vauxhall,Corsa,Red`,
      'NOPE-1,Someone,3 Oak St,,,,DT1 3CD,Kia,Rio,Grey',
    ].join('\n');
    const errors = rowsRefused(() => h!.service.importKeeperReplies(csv, h!.officer));
    expect(errors.map((e) => `${e.line}:${e.field}`)).toEqual(['3:keeper_name', '3:postcode', '4:enquiry_ref']);
    expect(h!.service.get(a.id).stage).toBe('keeper-requested');
    expect(h!.service.get(a.id).keeperName).toBeNull();
    expect(h!.service.get(b.id).stage).toBe('keeper-requested');
  });

  it('applies a good reply and flags make/colour that differ from the footage', () => {
    const { a, refs } = toKeeperKnown();
    const csv = [REPLY_HEADER, `${refs[0]},Jane Keeper,1 Acacia Ave,Demo Town,,,DT1 2AB,Ford,Focus,Red`, `${refs[1]},John Keeper,2 Elm Rd,,,,DT1 3CD,Vauxhall,Corsa,Red`].join('\n');
    const r = h!.service.importKeeperReplies(csv, h!.officer);
    expect(r.applied).toBe(2);
    expect(r.mismatches).toEqual([{ reference: a.reference, message: 'colour: footage Blue, keeper record Red' }]);
    expect(h!.service.get(a.id)).toMatchObject({ stage: 'keeper-known', keeperName: 'Jane Keeper', keeperPostcode: 'DT1 2AB' });
  });
});

describe('notice, posting and payments', () => {
  function toPosted() {
    const { a, b, refs } = toKeeperKnown();
    h!.service.importKeeperReplies([REPLY_HEADER, `${refs[0]},Jane Keeper,1 Acacia Ave,,,,DT1 2AB,Ford,Focus,Blue`, `${refs[1]},John Keeper,2 Elm Rd,,,,DT1 3CD,Vauxhall,Corsa,Red`].join('\n'), h!.officer);
    return { a, b };
  }

  it('renders the notice PDF with the PCN number, VRM, code, charge and dates, and stores it by hash', async () => {
    const { a } = toPosted();
    const p = await h!.service.generateNotice(a.id, { lang: 'en' }, h!.officer);
    expect(p.stage).toBe('notice-generated');
    expect(p.noticeDate).toBe('2025-03-06');
    const file = h!.service.noticeFile(a.id);
    const pdf = path.join(h!.dir, 'notice.pdf');
    writeFileSync(pdf, file.bytes);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const s of [a.reference, 'AB12 CDE', '34J', '£70.00', '£35.00', '4 March 2025', '6 March 2025', 'Being in a bus lane', 'Jane Keeper', 'Traffic Penalty Tribunal', 'How to pay']) {
      expect(text).toContain(s);
    }
    // Served 10 March (second working day after 6 March); discount to 30 March; 28 days to 6 April.
    expect(text).toContain('10 March 2025');
    expect(text).toContain('30 March 2025');
    expect(text).toContain('6 April 2025');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, path.join(h!.dir, 'page')]);
    expect(existsSync(path.join(h!.dir, 'page-1.png'))).toBe(true);
    // Tampering with the stored notice is detected.
    writeFileSync(path.join(h!.dir, 'pcn-notices', p.noticePath!), Buffer.concat([readFileSync(pdf), Buffer.from('x')]));
    expect(() => h!.service.noticeFile(a.id)).toThrow(/no longer matches/);
  });

  it('prints bilingual headings with the Welsh option', async () => {
    const { a } = toPosted();
    await h!.service.generateNotice(a.id, { lang: 'cy' }, h!.officer);
    const pdf = path.join(h!.dir, 'cy.pdf');
    writeFileSync(pdf, h!.service.noticeFile(a.id).bytes);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Penalty Charge Notice / Hysbysiad Tâl Cosb');
  });

  it('refuses a payments file with any bad row, then pays at the discount from a good one', async () => {
    const { a, b } = toPosted();
    for (const id of [a.id, b.id]) {
      await h!.service.generateNotice(id, { lang: 'en' }, h!.officer);
      h!.service.act(id, { action: 'post', postedDate: '2025-03-06' }, h!.officer);
    }
    const bad = [
      'pcn_number,amount,date,method,reference',
      `${a.reference},35.00,2025-03-12,card,R1`,
      `${a.reference.slice(0, -1)}${(Number(a.reference.slice(-1)) + 1) % 10},35.00,2025-03-12,card,R2`,
      `${b.reference},abc,2025-03-12,card,R3`,
      `${b.reference},35.00,12/13/2025,card,R4`,
    ].join('\n');
    const errors = rowsRefused(() => h!.service.importPayments(bad, h!.officer));
    expect(errors.map((e) => `${e.line}:${e.field}`)).toEqual(['3:pcn_number', '4:amount', '5:date']);
    expect(errors[0]!.message).toMatch(/check digit/);
    expect(h!.service.get(a.id).stage).toBe('posted');
    expect(h!.service.pcns.payments(a.id)).toHaveLength(0);

    const good = ['pcn_number,amount,date,method,reference', `${a.reference},35.00,2025-03-12,card,R1`, `${b.reference},£30,2025-04-20,card,R9`].join('\n');
    const r = h!.service.importPayments(good, h!.officer);
    expect(r.paid).toEqual([a.reference]);
    expect(r.flagged).toEqual([{ reference: b.reference, flag: 'under', amountPence: 3000, expectedPence: 7000 }]);
    expect(h!.service.get(a.id).stage).toBe('paid-discount');
    expect(h!.service.get(b.id).stage).toBe('posted');
    // A repeat of the same file is refused as already recorded.
    expect(rowsRefused(() => h!.service.importPayments(good, h!.officer))[0]!.message).toMatch(/already recorded|is at paid-discount/);
  });

  it('lists overdue and near deadlines, reports and samples for quality audit', () => {
    const { a } = toPosted();
    h!.clock.now = Date.parse('2025-03-24T10:00:00Z');
    const d = h!.service.deadlines(5);
    expect(d.near.map((x) => x.reference)).toContain(a.reference); // post by Thursday 27 March to be served by Monday 31 March
    h!.clock.now = Date.parse('2025-03-28T10:00:00Z');
    expect(h!.service.deadlines(5).overdue.map((x) => x.what)).toContain('post the notice (last day to post so it is served in time)');
    const rep = h!.service.report({});
    expect(rep.byCode).toEqual([{ key: '34J', count: 2 }]);
    expect(rep.officerThroughput).toEqual([{ officer: 'officer1', pcns: 2, warnings: 0, refused: 0 }]);
    const s = h!.service.sampleQuality('2025-03', 'seed-1', 10, h!.officer);
    expect(s).toEqual({ added: 1, sampled: 1 });
    const audit = h!.service.quality.list('2025-03')[0]!;
    expect(() => h!.service.recordQuality(audit.id, { 'vrm-matches': true }, '', h!.officer)).toThrow(/missing/);
    const all = { 'vrm-matches': true, 'pictures-complete': true, 'signs-shown': true, 'context-shot': true, 'right-code': true, 'right-place': true, 'right-times': true, 'no-obvious-exemption': false };
    expect(h!.service.recordQuality(audit.id, all, 'exempt?', h!.officer).passed).toBe(false);
    expect(h!.service.qualityResults('2025-03')).toEqual([{ officer: 'officer1', month: '2025-03', sampled: 1, checked: 1, passed: 0, failedChecks: { 'no-obvious-exemption': 1 } }]);
  });
});
