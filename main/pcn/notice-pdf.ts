import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type PDFImage } from 'pdf-lib';
import type { PcnDates } from '../domain/pcn-dates.js';
import { ukDateTime, ukZoneName } from '../domain/uk-time.js';
import { formatVrmForDisplay } from '../domain/vrm-display.js';
import type { CouncilPcnSettings } from './council-settings.js';
import type { Still } from './fact-sources.js';
import { formatPounds } from './format-money.js';
import { HEADINGS, heading, REPRESENTATION_GROUNDS, type NoticeLang } from './notice-text.js';
import { toWinAnsi, wrapText } from '../pdf/pdf-text.js';

export interface NoticeModel {
  kind: 'pcn' | 'warning';
  lang: NoticeLang;
  council: Pick<CouncilPcnSettings, 'councilName' | 'addressLines' | 'phone' | 'payUrl' | 'representationsAddress'>;
  reference: string;
  vrm: string;
  contraventionAt: number;
  place: string;
  code: string;
  codeDescription: string;
  amountPence: number;
  discountPence: number;
  certificatePence: number;
  /** Worked out with the notice date as the posting date. */
  dates: PcnDates;
  keeper: { name: string; address: string[]; postcode: string } | null;
  cameraName: string;
  certificateNumber: string | null;
  stills: Still[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const INK = rgb(0.1, 0.1, 0.12);
const BAND = rgb(0.05, 0.24, 0.45);

/**
 * The standard PDF fonts encode WinAnsi only. Welsh ŵ and ŷ are outside it:
 * until a Unicode font is embedded (needs @pdf-lib/fontkit), they print
 * without the circumflex rather than failing the whole notice.
 */
function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}

class Writer {
  y = A4[1] - MARGIN;
  page: PDFPage;
  constructor(private readonly doc: PDFDocument, readonly font: PDFFont, readonly bold: PDFFont) {
    this.page = doc.addPage(A4);
  }
  ensure(height: number): void {
    if (this.y - height < MARGIN) {
      this.page = this.doc.addPage(A4);
      this.y = A4[1] - MARGIN;
    }
  }
  text(t: string, o: { size?: number; bold?: boolean; indent?: number; color?: ReturnType<typeof rgb> } = {}): void {
    const size = o.size ?? 10;
    const font = o.bold ? this.bold : this.font;
    const width = A4[0] - 2 * MARGIN - (o.indent ?? 0);
    for (const line of wrapText(toWinAnsi(t), font, size, width)) {
      this.ensure(size * 1.35);
      this.page.drawText(line, { x: MARGIN + (o.indent ?? 0), y: this.y - size, size, font, color: o.color ?? INK });
      this.y -= size * 1.35;
    }
  }
  heading(t: string): void {
    this.ensure(40);
    this.y -= 8;
    this.page.drawRectangle({ x: MARGIN, y: this.y - 16, width: A4[0] - 2 * MARGIN, height: 18, color: rgb(0.9, 0.93, 0.97) });
    this.page.drawText(toWinAnsi(t), { x: MARGIN + 4, y: this.y - 12, size: 11, font: this.bold, color: BAND });
    this.y -= 24;
  }
  rows(rows: readonly (readonly [string, string])[]): void {
    for (const [k, v] of rows) {
      this.ensure(14);
      this.page.drawText(toWinAnsi(k), { x: MARGIN + 4, y: this.y - 10, size: 10, font: this.bold, color: INK });
      const lines = wrapText(toWinAnsi(v), this.font, 10, A4[0] - 2 * MARGIN - 200);
      for (const l of lines) {
        this.ensure(14);
        this.page.drawText(l, { x: MARGIN + 200, y: this.y - 10, size: 10, font: this.font, color: INK });
        this.y -= 14;
      }
    }
  }
  image(img: PDFImage, x: number, w: number, h: number, label: string): void {
    this.page.drawImage(img, { x, y: this.y - h, width: w, height: h });
    this.page.drawText(toWinAnsi(label), { x, y: this.y - h - 11, size: 8, font: this.font, color: INK });
  }
}

/**
 * An A4 notice served by post (SI 2022/71 Sch. 2 para. 3 contents for a
 * PCN): the council, PCN number, vehicle, date, time and place, the
 * contravention and its code, the charge and the discount, the dates, the
 * camera's pictures, how to pay and how to make representations.
 * A warning notice (DOMAIN §5) asks for nothing and says why.
 */
export async function renderNoticePdf(m: NoticeModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const title = m.kind === 'pcn' ? HEADINGS.pcn : HEADINGS.warning;
  doc.setTitle(`${title.en} ${m.reference}`);
  doc.setAuthor(m.council.councilName);
  doc.setSubject(`${title.en} ${m.reference} for ${m.vrm}`);
  doc.setCreationDate(new Date(m.contraventionAt));
  doc.setModificationDate(new Date(m.contraventionAt));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  // Header band: the council and the notice title.
  w.page.drawRectangle({ x: 0, y: A4[1] - 92, width: A4[0], height: 92, color: BAND });
  w.page.drawText(toWinAnsi(m.council.councilName), { x: MARGIN, y: A4[1] - 36, size: 16, font: w.bold, color: rgb(1, 1, 1) });
  w.page.drawText(toWinAnsi(m.council.addressLines.join(', ')), { x: MARGIN, y: A4[1] - 52, size: 8.5, font: w.font, color: rgb(1, 1, 1) });
  w.page.drawText(toWinAnsi(heading(title, m.lang)), { x: MARGIN, y: A4[1] - 78, size: 15, font: w.bold, color: rgb(1, 1, 1) });
  w.y = A4[1] - 108;

  const local = ukDateTime(m.contraventionAt);
  const when = `${longDate(m.dates.contraventionDate)} at ${local.toFormat('HH:mm:ss')} (${ukZoneName(m.contraventionAt)})`;
  w.rows([
    [m.kind === 'pcn' ? 'PCN number' : 'Warning notice number', m.reference],
    ['Date of this notice', longDate(m.dates.noticeDate)],
    ...(m.keeper ? ([['To', [m.keeper.name, ...m.keeper.address, m.keeper.postcode].filter(Boolean).join(', ')]] as const) : []),
  ]);

  w.heading(heading(HEADINGS.details, m.lang));
  w.rows([
    ['Vehicle registration', formatVrmForDisplay(m.vrm)],
    ['Date and time', when],
    ['Place', m.place],
    ['Contravention code', m.code],
    ['Contravention', m.codeDescription],
    ['Recorded by', `approved device ${m.cameraName}${m.certificateNumber ? ` (certificate ${m.certificateNumber})` : ''}`],
  ]);

  if (m.kind === 'pcn') {
    w.heading(heading(HEADINGS.charge, m.lang));
    w.rows([
      ['Penalty charge', formatPounds(m.amountPence)],
      ['Discounted charge', `${formatPounds(m.discountPence)} if paid by ${longDate(m.dates.discountUntil)}`],
      ['After a charge certificate', formatPounds(m.certificatePence)],
    ]);
    w.text(
      `We believe a penalty charge is payable for the contravention above. The charge is ${formatPounds(m.amountPence)}. ` +
        `If you pay within 21 days beginning with the date this notice is served, you pay ${formatPounds(m.discountPence)} instead.`,
    );
    w.heading(heading(HEADINGS.dates, m.lang));
    w.rows([
      ['Notice posted', longDate(m.dates.noticeDate)],
      ['Taken as served on', m.dates.deemedService ? longDate(m.dates.deemedService) : 'the second working day after posting'],
      ['Discount until', longDate(m.dates.discountUntil)],
      ['Pay or challenge by', longDate(m.dates.representationsUntil)],
      ['Charge certificate from', longDate(m.dates.chargeCertificateFrom)],
    ]);
  } else {
    w.text(
      'This is a warning. You do not have to pay anything. Camera enforcement started recently at this place, and this is the first time ' +
        'your vehicle has been recorded contravening the restriction here. If it happens again you may receive a Penalty Charge Notice.',
      { bold: true },
    );
  }

  if (m.stills.length) {
    w.heading(heading(HEADINGS.evidence, m.lang));
    const shown = m.stills.slice(0, 2);
    const gap = 12;
    const boxW = (A4[0] - 2 * MARGIN - gap * (shown.length - 1)) / shown.length;
    const imgs = await Promise.all(shown.map((s) => (s.type === 'png' ? doc.embedPng(s.bytes) : doc.embedJpg(s.bytes))));
    const heights = imgs.map((img) => Math.min(170, (img.height / img.width) * boxW));
    const h = Math.max(...heights);
    w.ensure(h + 20);
    imgs.forEach((img, i) => {
      const scaledW = Math.min(boxW, (img.width / img.height) * heights[i]!);
      w.image(img, MARGIN + i * (boxW + gap), scaledW, heights[i]!, shown[i]!.label);
    });
    w.y -= h + 18;
  }

  if (m.kind === 'pcn') {
    w.heading(heading(HEADINGS.pay, m.lang));
    w.text(`Online: ${m.council.payUrl} (you will need the PCN number ${m.reference} and the vehicle registration).`);
    w.text(`By phone: ${m.council.phone}. By post: a cheque payable to ${m.council.councilName}, with the PCN number written on the back, to ${m.council.representationsAddress}.`);

    w.heading(heading(HEADINGS.reps, m.lang));
    w.text(
      `If you think you should not pay, write to us by ${longDate(m.dates.representationsUntil)} (28 days beginning with the date of service) at ` +
        `${m.council.representationsAddress}, or online at ${m.council.payUrl}, saying why. You may do so on any of these grounds:`,
    );
    for (const g of REPRESENTATION_GROUNDS) w.text(`- ${g}`, { indent: 10 });
    w.text(
      'We will consider what you say and reply within 56 days. If we reject your representations you may appeal to an independent adjudicator ' +
        '(the Traffic Penalty Tribunal) within 28 days of our reply. Do not pay if you want to challenge the charge: paying ends the case.',
    );

    w.heading(heading(HEADINGS.footage, m.lang));
    w.text('You may view the recording of the contravention, or ask for still pictures from it, free of charge. Contact us using the details above.');

    w.heading(heading(HEADINGS.next, m.lang));
    w.text(
      `If you neither pay nor make representations by ${longDate(m.dates.representationsUntil)}, we may serve a charge certificate from ` +
        `${longDate(m.dates.chargeCertificateFrom)}, increasing the charge by 50% to ${formatPounds(m.certificatePence)}, and then recover it as a debt.`,
    );
  }
  return doc.save({ useObjectStreams: false });
}
