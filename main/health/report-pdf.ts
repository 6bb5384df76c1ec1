import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { DefectReport } from '../api/contract/health-routes.js';

/**
 * The supervisor's defect report as an A4 PDF: title, council, period,
 * headline totals, a bar chart of availability per camera (drawn with
 * pdf-lib rectangles and lines, no chart library) and the table.
 * Times are shown in UK local time, as a supervisor reads them.
 */
const A4: [number, number] = [595.28, 841.89];
const M = 40;

export async function reportToPdf(r: DefectReport, generatedAt: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Camera defect report ${fmt(r.from)} to ${fmt(r.to)}`);
  doc.setAuthor(r.council);
  doc.setCreationDate(new Date(generatedAt));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page = doc.addPage(A4);
  let y = A4[1] - M;
  const text = (p: PDFPage, s: string, x: number, yy: number, size = 9, f: PDFFont = font, color = rgb(0, 0, 0)): void => {
    p.drawText(safe(s), { x, y: yy, size, font: f, color });
  };

  text(page, r.council, M, y, 11, bold, rgb(0.2, 0.2, 0.2));
  y -= 24;
  text(page, 'Enforcement camera defect report', M, y, 18, bold);
  y -= 18;
  text(page, `Period: ${fmt(r.from)} to ${fmt(r.to)} (UK time)`, M, y, 10);
  y -= 13;
  text(page, `Generated: ${fmt(generatedAt)}`, M, y, 9, font, rgb(0.35, 0.35, 0.35));
  y -= 22;

  const t = r.totals;
  const boxes: Array<[string, string]> = [
    ['Availability', t.availabilityPct === null ? '-' : `${t.availabilityPct.toFixed(2)} %`],
    ['Outages', `${t.outages} (${Math.round(t.outageMinutes)} min)`],
    ['Mean time to repair', t.mttrHours === null ? '-' : `${t.mttrHours.toFixed(1)} h`],
    ['Open defects', String(t.openDefects)],
    ['Enforcement hours lost', t.enforcementHoursLost.toFixed(1)],
    ['Events held', String(t.eventsHeld)],
  ];
  const bw = (A4[0] - 2 * M - 5 * 6) / 6;
  boxes.forEach(([label, value], i) => {
    const x = M + i * (bw + 6);
    page.drawRectangle({ x, y: y - 38, width: bw, height: 42, color: rgb(0.94, 0.95, 0.97), borderColor: rgb(0.8, 0.82, 0.86), borderWidth: 0.5 });
    text(page, label, x + 5, y - 8, 7, font, rgb(0.3, 0.3, 0.3));
    text(page, value, x + 5, y - 27, 11, bold);
  });
  y -= 62;

  // Bar chart: availability % per camera (up to 20 cameras fit the width).
  const rows = r.rows.slice(0, 20);
  const chartH = 150;
  const chartW = A4[0] - 2 * M - 30;
  const x0 = M + 30;
  const y0 = y - chartH;
  text(page, 'Availability by camera (%)', M, y, 10, bold);
  y -= 14;
  for (const pct of [0, 50, 90, 100]) {
    const yy = y0 + ((chartH - 14) * pct) / 100;
    page.drawLine({ start: { x: x0, y: yy }, end: { x: x0 + chartW, y: yy }, thickness: 0.3, color: rgb(0.8, 0.8, 0.8) });
    text(page, String(pct), M + 8, yy - 3, 7, font, rgb(0.4, 0.4, 0.4));
  }
  const slot = rows.length ? chartW / rows.length : chartW;
  rows.forEach((row, i) => {
    const pct = row.availabilityPct ?? 0;
    const h = ((chartH - 14) * pct) / 100;
    const colour = pct >= 99 ? rgb(0.18, 0.55, 0.34) : pct >= 95 ? rgb(0.85, 0.6, 0.1) : rgb(0.78, 0.2, 0.2);
    page.drawRectangle({ x: x0 + i * slot + slot * 0.15, y: y0, width: slot * 0.7, height: Math.max(0.5, h), color: colour });
    text(page, clip(row.name, Math.max(4, Math.floor(slot / 4.2))), x0 + i * slot + slot * 0.1, y0 - 10, 6);
  });
  page.drawLine({ start: { x: x0, y: y0 }, end: { x: x0 + chartW, y: y0 }, thickness: 0.8 });
  y = y0 - 30;

  // Table.
  const cols: Array<[string, number]> = [['Camera', 130], ['Avail. %', 50], ['Outages', 45], ['Out. min', 50], ['MTTR h', 45], ['Open', 35], ['Oldest h', 45], ['Enf. h lost', 55], ['Held', 40]];
  const header = (): void => {
    let x = M;
    page.drawRectangle({ x: M, y: y - 4, width: A4[0] - 2 * M, height: 15, color: rgb(0.15, 0.2, 0.3) });
    for (const [h, w] of cols) {
      text(page, h, x + 3, y, 8, bold, rgb(1, 1, 1));
      x += w;
    }
    y -= 16;
  };
  header();
  r.rows.forEach((row, i) => {
    if (y < M + 20) {
      page = doc.addPage(A4);
      y = A4[1] - M;
      header();
    }
    if (i % 2 === 1) page.drawRectangle({ x: M, y: y - 4, width: A4[0] - 2 * M, height: 14, color: rgb(0.95, 0.95, 0.95) });
    const cells = [
      clip(row.name, 30), row.availabilityPct === null ? '-' : row.availabilityPct.toFixed(2), String(row.outages), row.outageMinutes.toFixed(0),
      row.mttrHours === null ? '-' : row.mttrHours.toFixed(1), String(row.openDefects.length),
      row.openDefects.length ? Math.max(...row.openDefects.map((d) => d.ageHours)).toFixed(1) : '-', row.enforcementHoursLost.toFixed(1), String(row.eventsHeld),
    ];
    let x = M;
    cells.forEach((c, k) => {
      text(page, c, x + 3, y, 8);
      x += cols[k]![1];
    });
    y -= 14;
  });
  if (r.locationDefects.length) {
    y -= 10;
    if (y < M + 40) {
      page = doc.addPage(A4);
      y = A4[1] - M;
    }
    text(page, 'Sign and road-marking defects', M, y, 10, bold);
    y -= 14;
    for (const d of r.locationDefects) {
      if (y < M) break;
      text(page, clip(`#${d.id} ${d.location ?? ''}: ${d.title} (${d.category}) reported ${fmt(d.reportedAt)}${d.resolvedAt ? `, resolved ${fmt(d.resolvedAt)}` : ', open'}${d.blocking ? ', BLOCKING' : ''}`, 110), M, y, 8);
      y -= 12;
    }
  }
  return doc.save();
}

function fmt(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The standard fonts encode WinAnsi only: anything else (names typed by officers) becomes '?'. */
function safe(s: string): string {
  return s.replace(/…/g, '...').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}
