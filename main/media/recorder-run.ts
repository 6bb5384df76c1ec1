import { rmSync } from 'node:fs';
import type { Logger } from 'pino';
import { lastFragmentEnd, RunFile } from './run-file.js';
import { RunSegmenter, type RunSegmenterOptions } from './run-segmenter.js';

/**
 * One ffmpeg run of a camera's recorder: the file it writes, read as it
 * grows and cut into segments. Once ffmpeg has exited, finish() reads the
 * rest, closes the last segment and deletes the run file, every fragment of
 * which is then in a segment.
 */
export class RecorderRun {
  readonly file: RunFile;
  readonly segmenter: RunSegmenter;
  /** Why the run file could not be read (it is then kept on disk for inspection). */
  broken: string | null = null;

  constructor(
    readonly path: string,
    readonly startedMs: number,
    opts: RunSegmenterOptions,
    private readonly log: Logger,
  ) {
    this.file = new RunFile(path);
    this.segmenter = new RunSegmenter(opts);
  }

  /** A run a crashed core left behind: dated from where its stream ends and when it was last written. */
  static recovered(path: string, startedMs: number, opts: RunSegmenterOptions, log: Logger): RecorderRun {
    const run = new RecorderRun(path, startedMs, opts, log);
    const end = lastFragmentEnd(path);
    if (end) run.segmenter.anchor(end.endS, end.writtenAtMs);
    return run;
  }

  /** Reads what ffmpeg has appended and cuts it; true when the file grew. */
  poll(): boolean {
    if (this.broken) return false;
    let grew = false;
    try {
      for (let r = this.file.readNew(); r; r = r.more ? this.file.readNew() : null) {
        grew = true;
        this.segmenter.push(r.chunk, r.writtenAtMs);
      }
    } catch (e) {
      this.broken = (e as Error).message;
      this.log.error({ file: this.path, err: this.broken }, 'recorder: the run file cannot be read as fragmented MP4; it is kept and the recorder will start a new one');
    }
    return grew;
  }

  /** ffmpeg has exited: reads the rest, closes the last segment, deletes the run file. */
  finish(): void {
    this.poll();
    this.segmenter.finish();
    this.file.close();
    if (!this.broken) rmSync(this.path, { force: true });
  }
}
