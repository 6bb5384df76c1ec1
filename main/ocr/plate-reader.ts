import { buildGrayCropArgs, type RelativeBox } from '../../native/ffmpeg-args/plate-crop.js';
import { runOnce, type ProcessOwner } from '../../native/index.js';
import type { IsoDate } from '../domain/uk-time.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cropRelative, toPgm, type GrayImage } from './gray-image.js';
import { correctPlateRead, type PlateChange } from './plate-correction.js';
import { preprocessPlate } from './plate-preprocess.js';
import { decodePngGray, ImageDecodeError, isPng } from './png-decode.js';
import type { OcrEngine } from './tesseract-engine.js';

/** What the OCR assist tells the officer about one plate crop. */
export interface PlateReading {
  /** Tesseract's text, normalised (no spaces, upper case). */
  raw: string;
  /** The UK-format suggestion (equal to raw when nothing was changed). */
  suggestion: string;
  display: string;
  format: string;
  valid: boolean;
  /** Mean glyph confidence, 0–100. */
  confidence: number;
  /** Every change from raw to suggestion (empty: none); never applied silently. */
  changes: PlateChange[];
  alternatives: string[];
  /** Milliseconds spent (decode, preprocess and recognise). */
  ms: number;
  crop: { width: number; height: number };
}

export interface PlateReaderDeps {
  engine: OcrEngine;
  /** ffmpeg for pictures this module cannot decode itself (JPEG) and for video frames. */
  ffmpegPath: () => string;
  owner?: ProcessOwner;
  asOf?: () => Date | IsoDate;
  /** Where a JPEG sent in memory is written for ffmpeg (default the OS temp folder). */
  tempDir?: string;
}

/**
 * The OCR assist: a plate crop in, Tesseract's reading plus its UK-format
 * correction and confidence out. Pictures arrive as grey pixels, PNG
 * (decoded here) or anything ffmpeg decodes (JPEG from ANPR cameras, a frame
 * of a recorded segment).
 */
export class PlateReader {
  constructor(private readonly deps: PlateReaderDeps) {}

  async readGray(img: GrayImage, started = performance.now()): Promise<PlateReading> {
    const prepared = preprocessPlate(img);
    const line = await this.deps.engine.readLine(toPgm(prepared));
    const c = correctPlateRead(line.text, this.deps.asOf?.() ?? new Date(), line.symbols);
    return { ...c, confidence: line.confidence, ms: Math.round((performance.now() - started) * 10) / 10, crop: { width: img.width, height: img.height } };
  }

  /** A picture's bytes (PNG or JPEG), optionally cropped to a box. JPEG goes through a temp file for ffmpeg. */
  async readImage(bytes: Uint8Array, box?: RelativeBox): Promise<PlateReading> {
    const started = performance.now();
    if (isPng(bytes)) {
      const img = decodePngGray(bytes);
      return this.readGray(box ? cropRelative(img, box) : img, started);
    }
    if (!(bytes[0] === 0xff && bytes[1] === 0xd8)) throw new ImageDecodeError('the picture is neither PNG nor JPEG');
    const dir = await mkdtemp(path.join(this.deps.tempDir ?? os.tmpdir(), 'ocr-'));
    try {
      const file = path.join(dir, 'plate.jpg');
      await writeFile(file, bytes);
      return this.readGray(await this.decodeWithFfmpeg({ file, ...(box ? { box } : {}) }), started);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** A picture file on disk (an ANPR plate picture), optionally cropped. */
  async readImageFile(file: string, box?: RelativeBox): Promise<PlateReading> {
    const started = performance.now();
    const head = await readFile(file);
    if (isPng(head)) {
      const img = decodePngGray(head);
      return this.readGray(box ? cropRelative(img, box) : img, started);
    }
    return this.readGray(await this.decodeWithFfmpeg({ file, ...(box ? { box } : {}) }), started);
  }

  /** The frame at `frameIndex` of a recorded file, cropped to the officer's box. */
  async readFrame(file: string, frameIndex: number, box: RelativeBox): Promise<PlateReading> {
    const started = performance.now();
    const img = await this.decodeWithFfmpeg({ file, frameIndex, box });
    return this.readGray(img, started);
  }

  private async decodeWithFfmpeg(src: { file: string; frameIndex?: number; box?: RelativeBox }): Promise<GrayImage> {
    const inv = buildGrayCropArgs({ input: { file: src.file }, ...(src.frameIndex !== undefined ? { frameIndex: src.frameIndex } : {}), ...(src.box ? { box: src.box } : {}) });
    const r = await runOnce({ command: this.deps.ffmpegPath(), args: inv.args, timeoutMs: 20_000, maxOutputBytes: 32 * 1024 * 1024, name: 'ffmpeg plate crop', ...(this.deps.owner ? { tracker: this.deps.owner } : {}) });
    if (!r.stdout.length) throw new ImageDecodeError('ffmpeg produced no picture for the crop (is the frame there?)');
    return decodePngGray(new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength));
  }
}
