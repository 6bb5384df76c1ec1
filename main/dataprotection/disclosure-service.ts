import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApiFailure, invalid, notFound } from '../api/api-failure.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { ukLocalDate } from '../domain/uk-time.js';
import { normaliseVrm } from '../domain/vrm-normalise.js';
import type { DisclosureRow, DisclosureStore, LegalBasis, RedactionRegion, RequesterKind } from '../store/disclosure-store.js';
import type { FootageExport } from '../evidence/evidence-sources.js';
import { redactionArgs, otherPlateRegions, type FrameSize, type PlateTrack } from './redaction-filter.js';

export interface DisclosureRequest {
  cameraId: number;
  fromMs: number;
  toMs: number;
  vrm?: string | undefined;
  requester: string;
  requesterKind: RequesterKind;
  legalBasis: LegalBasis;
  recipient: string;
  requestRef?: string | undefined;
  /** Officer-drawn areas to blur (pixels of the camera's frame; seconds from the clip start). */
  regions: RedactionRegion[];
  /** Plates of other vehicles to blur, where their positions are known. */
  plateTracks?: PlateTrack[] | undefined;
  /** Seconds between the plate tracks' time 0 and the clip start. */
  plateTrackOffsetS?: number | undefined;
}

export const LEGAL_BASIS_TEXT: Record<LegalBasis, string> = {
  'uk-gdpr-art15': 'UK GDPR Article 15 (right of access by the data subject)',
  'dpa2018-sch2-para2': 'Data Protection Act 2018 Schedule 2 paragraph 2 (crime and taxation: prevention or detection of crime)',
  'police-request': 'Request from a police force (DPA 2018 Part 3 / Schedule 2 paragraph 2)',
};

/** What the disclosure service needs from outside: footage, a probe, an ffmpeg run. */
export interface DisclosurePorts {
  exportOriginal(req: { cameraId: number; fromMs: number; toMs: number; caseReference: string; reason: string }, by: Actor): Promise<FootageExport>;
  frameSize(file: string): Promise<FrameSize>;
  runFfmpeg(args: string[]): Promise<void>;
}

const sha256File = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Subject-access and police disclosures: the footage for a camera and time
 * range, re-encoded with other people's plates and any chosen regions
 * blurred, a disclosure record (who asked, on what legal basis, what went
 * to whom, when and by whom) written beside it and kept in the register.
 * The unredacted original never leaves through this route.
 */
export class DisclosureService {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      store: DisclosureStore;
      audit: AuditLog;
      dataDir: string;
      ports: DisclosurePorts;
      council: () => string;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  dirOf(row: DisclosureRow): string {
    return path.join(this.deps.dataDir, row.dir);
  }

  create(req: DisclosureRequest, by: Actor): DisclosureRow {
    if (!(req.toMs > req.fromMs)) throw invalid('the time range is empty: "to" must be after "from"');
    if (req.toMs - req.fromMs > 30 * 60_000) throw invalid('a disclosure covers at most 30 minutes of footage; split a longer request');
    const at = this.now();
    const day = ukLocalDate(at).replace(/-/g, '');
    const reference = `DISC-${day}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const tracks = req.plateTracks ?? [];
    // VRMs are stored and compared without spaces, upper case (DOMAIN.md §10).
    const vrm = req.vrm ? normaliseVrm(req.vrm) : null;
    const plateRegions = otherPlateRegions(tracks, vrm, req.plateTrackOffsetS ?? 0);
    const row = this.deps.store.insert({
      reference, requester: req.requester, requesterKind: req.requesterKind, legalBasis: req.legalBasis, recipient: req.recipient, requestRef: req.requestRef ?? '',
      cameraId: req.cameraId, fromMs: req.fromMs, toMs: req.toMs, vrm,
      redaction: { regions: [...req.regions, ...plateRegions], otherPlates: tracks.filter((t) => !vrm || normaliseVrm(t.vrm) !== vrm).length, source: tracks.length ? 'plate positions supplied with the request' : 'officer-drawn regions' },
      dir: path.join('disclosures', reference), createdAt: at, createdBy: by.name,
    });
    this.deps.audit.record(by, 'dataprotection.disclosure.create', `disclosure:${row.id}`, { reference, cameraId: req.cameraId, fromMs: req.fromMs, toMs: req.toMs, vrm, requester: req.requester, requesterKind: req.requesterKind, legalBasis: req.legalBasis, recipient: req.recipient, regions: row.redaction.regions.length });
    this.queue = this.queue.then(() => this.run(row.id, by)).catch(() => undefined);
    return row;
  }

  idle(): Promise<void> {
    return this.queue;
  }

  get(id: number): DisclosureRow {
    const r = this.deps.store.byId(id);
    if (!r) throw notFound(`disclosure ${id}`);
    return r;
  }

  file(id: number, name: string): { row: DisclosureRow; bytes: Buffer } {
    const row = this.get(id);
    const f = row.files.find((x) => x.name === name);
    if (!f) throw notFound(`file ${name} of disclosure ${id}`);
    return { row, bytes: readFileSync(path.join(this.dirOf(row), f.name)) };
  }

  private async run(id: number, by: Actor): Promise<void> {
    const row = this.get(id);
    const dir = this.dirOf(row);
    try {
      this.deps.store.setState(id, { state: 'running' });
      mkdirSync(dir, { recursive: true });
      const footage = await this.deps.ports.exportOriginal({ cameraId: row.cameraId, fromMs: row.fromMs, toMs: row.toMs, caseReference: row.reference, reason: `disclosure ${row.reference} (${row.legalBasis})` }, by);
      const original = footage.files.find((f) => f.kind === 'original');
      if (!original) throw new Error('the export produced no clip');
      // Regions are in clip seconds from the requested start; the original starts at the keyframe before it.
      const shiftS = footage.originalStartMs !== null ? (row.fromMs - footage.originalStartMs) / 1000 : 0;
      const regions = row.redaction.regions.map((r) => ({ ...r, ...(r.fromS !== undefined ? { fromS: r.fromS + shiftS } : {}), ...(r.toS !== undefined ? { toS: r.toS + shiftS } : {}) }));
      const frame = await this.deps.ports.frameSize(original.absPath);
      const clipName = `${row.reference}-redacted.mp4`;
      const { args, used } = redactionArgs({ input: original.absPath, output: path.join(dir, clipName), regions, frame });
      await this.deps.ports.runFfmpeg(args);
      const clip = { name: clipName, bytes: statSync(path.join(dir, clipName)).size, sha256: sha256File(path.join(dir, clipName)) };
      const record = {
        reference: row.reference,
        council: this.deps.council(),
        requester: row.requester,
        requesterKind: row.requesterKind,
        legalBasis: row.legalBasis,
        legalBasisText: LEGAL_BASIS_TEXT[row.legalBasis],
        recipient: row.recipient,
        requestRef: row.requestRef,
        disclosedBy: by.name,
        preparedAt: new Date(this.now()).toISOString(),
        footage: { cameraId: row.cameraId, from: new Date(row.fromMs).toISOString(), to: new Date(row.toMs).toISOString(), subjectVrm: row.vrm, sourceExport: footage.exportId, sourceSha256: original.sha256 },
        redaction: { method: 'ffmpeg boxblur over each region, re-encoded H.264', regionsBlurred: used.length, otherVehiclesPlates: row.redaction.otherPlates, source: row.redaction.source },
        files: [clip],
      };
      const recName = `${row.reference}-disclosure-record.json`;
      writeFileSync(path.join(dir, recName), `${JSON.stringify(record, null, 2)}\n`);
      const files = [clip, { name: recName, bytes: statSync(path.join(dir, recName)).size, sha256: sha256File(path.join(dir, recName)) }];
      this.deps.store.setState(id, { state: 'done', files, finishedAt: this.now() });
      this.deps.audit.record(by, 'dataprotection.disclosure.done', `disclosure:${id}`, { reference: row.reference, recipient: row.recipient, legalBasis: row.legalBasis, files: files.map((f) => ({ name: f.name, sha256: f.sha256 })), regionsBlurred: used.length });
    } catch (e) {
      const message = (e instanceof ApiFailure ? e.message : `disclosure failed: ${(e as Error).message}`).slice(0, 500);
      this.deps.store.setState(id, { state: 'failed', error: message, finishedAt: this.now() });
      this.deps.audit.record(by, 'dataprotection.disclosure.failed', `disclosure:${id}`, { reference: row.reference, error: message });
    }
  }
}
