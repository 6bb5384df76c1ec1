import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { ukDateTime, ukZoneName } from '../domain/uk-time.js';
import { toWinAnsi, wrapText } from '../pdf/pdf-text.js';

/**
 * What an Authorised Officer's witness statement for the Traffic Penalty
 * Tribunal states (DOMAIN §7): who the officer is and their authority, the
 * approved device and its certificate (SI 2022/71 Sch. 1), what the
 * recording shows and when, how the record's integrity is assured, and a
 * statement of truth with a signature line.
 */
export interface WitnessStatementModel {
  council: string;
  reference: string;
  vrm: string;
  code: string;
  codeDescription: string;
  place: string;
  contraventionAt: number;
  firstSeenAt: number;
  lastSeenAt: number;
  officer: { name: string; number: string; roleTitle: string; authority: string };
  device: {
    cameraName: string;
    location: string;
    certificate: { number: string; issuer: string; typeApproval: string; validFrom: number; validTo: number | null } | null;
  };
  restriction: { type: string; trafficOrderRef: string; signsNote: string } | null;
  health: { clockDriftS: number | null; fps: number | null; continuity: string };
  decisionNotes: string;
  integrity: { originalSha256: string | null; packFingerprint: string; packVersion: number | null; segments: string };
  madeAt: number;
  requestedFor: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.08, 0.08, 0.1);

export function ukWhen(ms: number): string {
  const d = ukDateTime(ms);
  return `${d.toFormat('cccc d LLLL yyyy')} at ${d.toFormat('HH:mm:ss')} ${ukZoneName(ms)}`;
}

class Writer {
  y = A4[1] - MARGIN;
  page: PDFPage;
  pages: PDFPage[] = [];
  constructor(private readonly doc: PDFDocument, readonly font: PDFFont, readonly bold: PDFFont) {
    this.page = this.newPage();
  }
  private newPage(): PDFPage {
    const p = this.doc.addPage(A4);
    this.pages.push(p);
    this.y = A4[1] - MARGIN;
    return p;
  }
  ensure(h: number): void {
    if (this.y - h < MARGIN + 20) this.page = this.newPage();
  }
  text(t: string, o: { size?: number; bold?: boolean; gap?: number } = {}): void {
    const size = o.size ?? 10.5;
    const font = o.bold ? this.bold : this.font;
    for (const line of wrapText(toWinAnsi(t), font, size, A4[0] - 2 * MARGIN)) {
      this.ensure(size * 1.4);
      this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font, color: INK });
      this.y -= size * 1.4;
    }
    this.y -= o.gap ?? 6;
  }
  para(n: number, t: string): void {
    this.text(`${n}. ${t}`);
  }
}

export async function renderWitnessStatementPdf(m: WitnessStatementModel): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Witness statement ${m.reference}`);
  doc.setAuthor(`${m.officer.name} (${m.officer.number}), ${m.council}`);
  doc.setSubject(`Authorised Officer witness statement, PCN ${m.reference}, ${m.vrm}`);
  doc.setCreationDate(new Date(m.madeAt));
  doc.setModificationDate(new Date(m.madeAt));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  w.text(m.council, { size: 13, bold: true, gap: 2 });
  w.text('WITNESS STATEMENT OF AN AUTHORISED OFFICER', { size: 14, bold: true, gap: 2 });
  w.text('Traffic Management Act 2004; Civil Enforcement of Road Traffic Contraventions (Approved Devices, Charging Guidelines and General Provisions) (England) Regulations 2022', { size: 8.5, gap: 10 });
  const facts: [string, string][] = [
    ['Penalty Charge Notice', m.reference],
    ['Vehicle registration mark', m.vrm],
    ['Contravention', `${m.code} - ${m.codeDescription}`],
    ['Location', m.place],
    ['Date and time', ukWhen(m.contraventionAt)],
    ['Statement of', `${m.officer.name}, officer number ${m.officer.number}`],
  ];
  for (const [k, v] of facts) {
    w.ensure(15);
    w.page.drawText(toWinAnsi(k), { x: MARGIN, y: w.y - 10, size: 10, font: w.bold, color: INK });
    for (const line of wrapText(toWinAnsi(v), w.font, 10, A4[0] - 2 * MARGIN - 170)) {
      w.ensure(14);
      w.page.drawText(line, { x: MARGIN + 170, y: w.y - 10, size: 10, font: w.font, color: INK });
      w.y -= 14;
    }
  }
  w.y -= 10;

  let n = 1;
  w.para(n++, `I am ${m.officer.name}, officer number ${m.officer.number}. I am employed by ${m.council} as ${m.officer.roleTitle}. ${m.officer.authority}`);
  const cert = m.device.certificate;
  w.para(
    n++,
    `I reviewed the recording made by the camera "${m.device.cameraName}" at ${m.device.location}. ` +
      (cert
        ? `The camera is an approved device: certificate ${cert.number}, issued by ${cert.issuer}${cert.typeApproval ? ` (type approval ${cert.typeApproval})` : ''}, valid from ${ukWhen(cert.validFrom).replace(/ at .*/, '')}${cert.validTo ? ` to ${ukWhen(cert.validTo).replace(/ at .*/, '')}` : ''}, which was in force at the time of the contravention.`
        : 'NO approved-device certificate is recorded for this camera at the time of the contravention; this statement cannot support enforcement until that is resolved.'),
  );
  if (m.restriction) {
    w.para(n++, `At that place a restriction of type "${m.restriction.type}" is made by traffic order ${m.restriction.trafficOrderRef}.${m.restriction.signsNote ? ` ${m.restriction.signsNote}` : ''}`);
  }
  w.para(
    n++,
    `The recording shows the vehicle with registration mark ${m.vrm} at ${m.place} from ${ukWhen(m.firstSeenAt)} until ${ukWhen(m.lastSeenAt)}. ` +
      `In my judgement it shows the contravention ${m.code} (${m.codeDescription}).${m.decisionNotes ? ` My notes at the time of the decision: "${m.decisionNotes.replace(/[.\s]+$/, '')}".` : ''}`,
  );
  const drift = m.health.clockDriftS === null ? 'not recorded' : `${m.health.clockDriftS >= 0 ? '+' : ''}${m.health.clockDriftS.toFixed(1)} s against the national time source`;
  const fps = m.health.fps === null ? 'not recorded' : `${m.health.fps} frames a second`;
  w.para(n++, `At the time of the contravention the camera's health record shows: clock ${drift}; frame rate ${fps}; continuity: ${m.health.continuity}.`);
  w.para(
    n++,
    `The recording was made automatically and stored by the enforcement workstation without re-encoding (${m.integrity.segments}). ` +
      `Each file exported from it is identified by its SHA-256 hash${m.integrity.originalSha256 ? `; the original clip's hash is ${m.integrity.originalSha256}` : ''}. ` +
      `The evidence pack${m.integrity.packVersion ? ` (version ${m.integrity.packVersion})` : ''} lists every file with its hash in a manifest signed with the council's Ed25519 key, fingerprint ${m.integrity.packFingerprint}. ` +
      'Any change to any file would be detected by checking the pack. To the best of my knowledge the record is complete and has not been altered.',
  );
  w.y -= 6;
  w.text('Statement of truth', { bold: true, size: 11, gap: 2 });
  w.text(
    'I believe that the facts stated in this witness statement are true. I understand that proceedings for contempt of court may be brought against anyone who makes, or causes to be made, a false statement in a document verified by a statement of truth without an honest belief in its truth.',
  );
  w.y -= 18;
  w.ensure(70);
  const lineY = w.y - 30;
  w.page.drawText('Signed:', { x: MARGIN, y: lineY + 2, size: 10.5, font: w.bold, color: INK });
  w.page.drawLine({ start: { x: MARGIN + 55, y: lineY }, end: { x: MARGIN + 300, y: lineY }, thickness: 0.8, color: INK });
  w.page.drawText('Date:', { x: MARGIN + 320, y: lineY + 2, size: 10.5, font: w.bold, color: INK });
  w.page.drawLine({ start: { x: MARGIN + 355, y: lineY }, end: { x: A4[0] - MARGIN, y: lineY }, thickness: 0.8, color: INK });
  w.y = lineY - 16;
  w.text(`${m.officer.name}, ${m.officer.roleTitle} (officer number ${m.officer.number})`, { size: 10 });
  w.text(`Prepared on ${ukWhen(m.madeAt)}${m.requestedFor ? ` for ${m.requestedFor}` : ''}.`, { size: 8.5 });

  w.pages.forEach((p, i) => {
    p.drawText(toWinAnsi(`PCN ${m.reference} - witness statement of ${m.officer.name} - page ${i + 1} of ${w.pages.length}`), { x: MARGIN, y: 28, size: 8, font: w.font, color: rgb(0.35, 0.35, 0.4) });
  });
  return doc.save({ useObjectStreams: false });
}
