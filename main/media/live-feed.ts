import { buildLivePlaylist, type LiveEntry, type LivePlaylistUris } from './live-playlist.js';

interface HeldFragment extends LiveEntry {
  /** moof, then the mdat as it arrived. */
  parts: Buffer[];
}

/** Fragments listed in the playlist: a few seconds for hls.js to buffer, as ffmpeg's HLS muxer kept (hls_list_size 4). */
const LISTED = 4;
/** Fragments kept after they leave the playlist, for a player still fetching them. */
const KEPT_AFTER = 4;

/**
 * One camera's live view: the last few fragments of the stream being
 * recorded, held in memory as they arrive (kilobytes to a few megabytes per
 * camera), and the init section of the run they came from. Nothing is
 * written to disk for live view and nothing is re-muxed: a viewer gets the
 * camera's own bitstream, byte for byte what is being recorded.
 */
export class LiveFeed {
  private readonly inits = new Map<number, Buffer>();
  private fragments: HeldFragment[] = [];
  private initId = 0;
  private seq = 0;
  private disc = 0;
  private runHasFragments = false;
  private waiters: Array<{ seq: number; done: () => void }> = [];

  /** A new ffmpeg run began with this init section. */
  newRun(init: Buffer): void {
    this.initId++;
    this.inits.set(this.initId, init);
    this.runHasFragments = false;
  }

  /** A fragment of the current run arrived (kept by reference: the caller must not change it afterwards). */
  add(moof: Buffer, mdat: readonly Buffer[], durationS: number, pdtMs: number): void {
    if (!this.inits.has(this.initId)) return; // no init yet: nothing could play it
    if (!this.runHasFragments && this.fragments.length > 0) this.disc++;
    this.runHasFragments = true;
    this.fragments.push({ seq: this.seq++, disc: this.disc, initId: this.initId, durationS, pdtMs, parts: [moof, ...mdat] });
    this.wake();
    while (this.fragments.length > LISTED + KEPT_AFTER) {
      const gone = this.fragments.shift()!;
      // An init goes with the last fragment that needs it (fragments of a run are contiguous).
      if (gone.initId !== this.fragments[0]!.initId && gone.initId !== this.initId) this.inits.delete(gone.initId);
    }
  }

  /** Sequence number the next fragment will get (one past the newest). */
  get nextSeq(): number {
    return this.seq;
  }

  /**
   * Resolves once fragment `seq` has arrived, or after `timeoutMs` (a
   * blocking playlist reload: the player asked for the playlist holding it).
   */
  whenFragment(seq: number, timeoutMs: number): Promise<void> {
    if (seq < this.seq) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w.done !== done);
        resolve();
      };
      this.waiters.push({ seq, done });
    });
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    for (const w of this.waiters.filter((x) => x.seq < this.seq)) w.done();
  }

  /** The playlist, or null when no fragment has arrived yet. */
  playlist(uris: LivePlaylistUris): string | null {
    if (this.fragments.length === 0) return null;
    return buildLivePlaylist(this.fragments.slice(-LISTED), uris);
  }

  init(initId: number): Buffer | null {
    return this.inits.get(initId) ?? null;
  }

  /** A fragment's bytes (moof, mdat), or null once it has expired. */
  fragment(seq: number): readonly Buffer[] | null {
    return this.fragments.find((f) => f.seq === seq)?.parts ?? null;
  }

  /** Wall time the newest fragment was recorded (null before the first). */
  newestPdtMs(): number | null {
    return this.fragments.at(-1)?.pdtMs ?? null;
  }

  /** The recorder stopped: live view has nothing to show until it runs again. */
  clear(): void {
    this.fragments = [];
    this.inits.clear();
    this.runHasFragments = false;
    for (const w of [...this.waiters]) w.done();
  }
}
