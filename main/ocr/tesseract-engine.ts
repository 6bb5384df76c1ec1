import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';

/**
 * The one Tesseract worker of the core (a worker thread running the WASM
 * build), created on first use and ended by stop(). Fully offline: the
 * language data is the `@tesseract.js-data/eng` package's own file
 * (`4.0.0_best_int`: the integer LSTM model, fast and as accurate as "best"
 * on printed glyphs), read gzipped from node_modules; nothing is fetched and,
 * with cacheMethod 'none', nothing is written.
 */
export interface LineRead {
  text: string;
  /** Mean of the glyph confidences, 0–100. */
  confidence: number;
  symbols: { text: string; confidence: number }[];
}

export interface OcrEngine {
  readLine(image: Uint8Array): Promise<LineRead>;
  stop(): Promise<void>;
}

/** Where the installed English traineddata lies. */
export function englishLangPath(model: '4.0.0_best_int' | '4.0.0' = '4.0.0_best_int'): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), model);
}

// Plates carry A–Z and 0–9. The space is allowed so Tesseract can say where
// the two groups part; without it the glyph after the gap gets no confidence.
const WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ';

export function createTesseractEngine(opts: { langPath?: string } = {}): OcrEngine {
  let worker: Promise<Tesseract.Worker> | null = null;
  let stopped = false;
  const start = async (): Promise<Tesseract.Worker> => {
    const w = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, { langPath: opts.langPath ?? englishLangPath(), gzip: true, cacheMethod: 'none' }, {
      // A plate is not English: the word lists would pull reads towards words.
      load_system_dawg: '0',
      load_freq_dawg: '0',
    });
    await w.setParameters({ tessedit_char_whitelist: WHITELIST, tessedit_pageseg_mode: Tesseract.PSM.SINGLE_LINE });
    return w;
  };
  return {
    async readLine(image) {
      if (stopped) throw new Error('the OCR engine has been stopped');
      if (!worker) {
        worker = start();
        worker.catch(() => (worker = null));
      }
      const w = await worker;
      const r = await w.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { text: true, blocks: true });
      const symbols = (r.data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words.flatMap((wd) => wd.symbols.map((s) => ({ text: s.text, confidence: s.confidence }))))));
      const conf = symbols.length ? symbols.reduce((a, s) => a + s.confidence, 0) / symbols.length : 0;
      return { text: r.data.text.trim(), confidence: Math.round(conf * 10) / 10, symbols };
    },
    async stop() {
      stopped = true;
      const w = worker;
      worker = null;
      if (w) await (await w.catch(() => null))?.terminate();
    },
  };
}
