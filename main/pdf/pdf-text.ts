import type { PDFFont } from 'pdf-lib';

/**
 * pdf-lib's standard fonts encode WinAnsi only. Map what a name, note or
 * Welsh text may hold onto it rather than fail a notice or a statement:
 * typographic quotes and dashes to plain ones; letters outside Latin-1
 * lose their accent (ŵ → w, ŷ → y: those Welsh circumflexes need an
 * embedded Unicode font); anything else becomes "?".
 */
export function toWinAnsi(text: string): string {
  const encodable = /[\x20-\x7e\xa0-\xff\n]/;
  return [...text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-')]
    .map((c) => {
      if (encodable.test(c)) return c; // Latin-1 letters such as â, é stay as they are
      const bare = c.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return bare.length === 1 && encodable.test(bare) ? bare : '?';
    })
    .join('');
}

/** Breaks text into lines no wider than `width` at `size`, keeping the paragraphs of `\n`. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        out.push(line);
        line = word;
      } else line = next;
    }
    out.push(line);
  }
  return out;
}
