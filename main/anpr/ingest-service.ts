/**
 * Storing reads: clock-window check, pictures to disk (durable, by hash),
 * then one group-committed transaction per event-loop turn that inserts each
 * read once (a repeated delivery is recognised by camera + plate as sent +
 * time), checks the white list and builds events. The promise resolves only
 * after the commit, so the HTTP reply to a camera means "stored".
 */
import type { Logger } from '../log/logger.js';
import type { ServerEvent } from '../api/contract.js';
import type { AnprReadsStore, ReadImageRow } from '../store/anpr-reads-store.js';
import type { ParsedRead, ReadError } from './anpr-read.js';
import { CommitQueue } from './commit-queue.js';
import type { EventBuilder } from './event-builder.js';
import type { ImageStore } from './image-store.js';
import { checkTimeWindow } from './read-fields.js';

export interface ReadForCamera {
  read: ParsedRead;
  cameraId: number;
}

export interface StoredRead {
  location: string;
  readId: number;
  cameraId: number;
  vrm: string;
  duplicate: boolean;
  exemptBy: number | null;
  eventId: number | null;
  eventCreated: boolean;
}

export interface IngestResult {
  stored: StoredRead[];
  /** Reads refused before storing (clock window); the rest of the batch is kept. */
  rejected: (ReadError & { status: number })[];
}

interface Prepared {
  r: ReadForCamera;
  images: ReadImageRow[];
}

export class IngestService {
  private readonly queue: CommitQueue<Prepared[], StoredRead[]>;
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      reads: AnprReadsStore;
      images: ImageStore;
      events: EventBuilder;
      publish: (e: ServerEvent) => void;
      log: Logger;
      now?: () => number;
    },
  ) {
    this.now = deps.now ?? Date.now;
    this.queue = new CommitQueue<Prepared[], StoredRead[]>(
      (fn) => deps.reads.transaction(fn),
      // A savepoint per submission: one failing request does not sink the others in its batch.
      (items) => deps.reads.transaction(() => items.map((p) => this.storeOne(p))),
    );
  }

  private storeOne({ r, images }: Prepared): StoredRead {
    const { read, cameraId } = r;
    const a = this.deps.events.assess(cameraId, read.vrm, read.atMs);
    const { id, duplicate } = this.deps.reads.insert(
      {
        cameraId,
        plateSent: read.plate,
        vrm: read.vrm,
        vrmFormat: read.vrmFormat,
        vrmFlags: read.vrmFlags,
        readAt: read.atMs,
        receivedAt: this.now(),
        confidence: read.confidence,
        direction: read.direction,
        channel: read.channel,
        source: read.source,
        exemptEntryId: a.exemptBy,
      },
      images,
    );
    const ev = duplicate ? null : this.deps.events.applyRead({ id, cameraId, vrm: read.vrm, atMs: read.atMs }, a);
    return { location: read.location, readId: id, cameraId, vrm: read.vrm, duplicate, exemptBy: a.exemptBy, eventId: ev?.eventId ?? null, eventCreated: ev?.created ?? false };
  }

  async ingest(reads: readonly ReadForCamera[]): Promise<IngestResult> {
    const now = this.now();
    const rejected: IngestResult['rejected'] = [];
    const accepted: ReadForCamera[] = [];
    for (const r of reads) {
      const late = checkTimeWindow(r.read.atMs, now);
      if (late) rejected.push({ location: r.read.location, field: 'timestamp', message: late, status: 422 });
      else accepted.push(r);
    }
    if (!accepted.length) return { stored: [], rejected };
    // Pictures are on disk (fsynced) before the rows that name them commit.
    const prepared: Prepared[] = [];
    for (const r of accepted) {
      const images: ReadImageRow[] = [];
      for (const im of r.read.images) {
        const { sha256, bytes } = await this.deps.images.put(im.data);
        images.push({ role: im.role, name: im.name, sha256, bytes });
      }
      prepared.push({ r, images });
    }
    const stored = await this.queue.submit(prepared);
    const at = this.now();
    for (const s of stored) {
      if (s.duplicate) continue;
      this.deps.publish({ type: 'anpr-read', cameraId: s.cameraId, vrm: s.vrm, at });
      if (s.eventCreated && s.eventId !== null) this.deps.publish({ type: 'event-queued', eventId: s.eventId, at });
    }
    return { stored, rejected };
  }

  /** Group-commit counters: transactions, requests stored in them, ms spent inside them (fsync included). */
  get commitStats(): { commits: number; submissions: number; ms: number } {
    return { ...this.queue.stats };
  }

  async stop(): Promise<void> {
    await this.queue.close();
  }
}
