import { requireNonEmptyString } from './validate.js';

/** A recorded file, or an ffconcat list stitching several segments together. */
export type MediaInput = { file: string } | { concatListPath: string };

/** `-i` arguments (with the concat demuxer when given a list). */
export function mediaInputArgs(input: MediaInput, name = 'input'): string[] {
  if (input && typeof input === 'object' && 'concatListPath' in input) {
    return ['-f', 'concat', '-safe', '0', '-i', requireNonEmptyString(`${name}.concatListPath`, input.concatListPath)];
  }
  if (input && typeof input === 'object' && 'file' in input) {
    return ['-i', requireNonEmptyString(`${name}.file`, input.file)];
  }
  throw new Error(`${name} must be { file } or { concatListPath }`);
}
