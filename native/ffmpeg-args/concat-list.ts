import { formatSeconds, requireNonEmptyString, requireNonNegative } from './validate.js';

/** One file of a concat list, optionally trimmed. Times are in the file's own timeline (seconds). */
export interface ConcatEntry {
  path: string;
  inpointS?: number;
  outpointS?: number;
}

/**
 * Quotes a path for an ffconcat `file` directive: single-quoted, with a
 * quote written as '\'' (the concat demuxer's tokenizer is av_get_token).
 */
export function quoteConcatPath(path: string): string {
  return `'${path.replace(/'/g, "'\\''")}'`;
}

/**
 * Text of an ffconcat list. The caller writes it to a file and passes that to
 * `-f concat -safe 0 -i`. Paths should be absolute: relative ones resolve
 * against the list file's folder, not the working directory.
 */
export function buildConcatList(entries: readonly ConcatEntry[]): string {
  if (!Array.isArray(entries) || entries.length === 0) throw new Error('concat list needs at least one file');
  const lines = ['ffconcat version 1.0'];
  entries.forEach((e, i) => {
    const path = requireNonEmptyString(`entries[${i}].path`, e.path);
    if (/[\r\n]/.test(path)) throw new Error(`entries[${i}].path must not contain a line break`);
    lines.push(`file ${quoteConcatPath(path)}`);
    if (e.inpointS !== undefined) lines.push(`inpoint ${formatSeconds(requireNonNegative(`entries[${i}].inpointS`, e.inpointS))}`);
    if (e.outpointS !== undefined) {
      const out = requireNonNegative(`entries[${i}].outpointS`, e.outpointS);
      if (e.inpointS !== undefined && out <= e.inpointS) {
        throw new Error(`entries[${i}].outpointS must be after inpointS`);
      }
      lines.push(`outpoint ${formatSeconds(out)}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/**
 * With stream copy a clip can only start on a keyframe (frames before it
 * cannot be decoded). Returns the last keyframe time at or before `startS`,
 * or the first keyframe when there is none before it.
 */
export function snapToKeyframe(keyframeTimesS: readonly number[], startS: number): number {
  requireNonNegative('startS', startS);
  if (keyframeTimesS.length === 0) throw new Error('keyframe list is empty');
  let best: number | undefined;
  for (const k of keyframeTimesS) {
    if (k <= startS + 1e-6 && (best === undefined || k > best)) best = k;
  }
  return best ?? Math.min(...keyframeTimesS);
}
