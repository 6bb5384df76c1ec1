import path from 'node:path';
import { locateFfmpeg, probeFile, ProcessOwner } from '../../native/index.js';
import { ApiFailure, notFound } from '../api/api-failure.js';
import type { Disclosure, EvidencePack, WitnessStatement } from '../api/contract/evidence-routes.js';
import { anyRole, supervisorUp } from '../api/contract/route.js';
import type { Handlers } from '../api/handler.js';
import { actorOf, signedIn } from '../api/handler.js';
import { systemActor } from '../audit/audit-log.js';
import type { CoreContext } from '../core-context.js';
import { DisclosureService } from '../dataprotection/disclosure-service.js';
import { readRetention, RetentionSettings, RETENTION_SETTINGS_KEY } from '../dataprotection/retention-settings.js';
import { RetentionSweep } from '../dataprotection/retention-sweep.js';
import type { Feature, FeatureRegistry } from '../features/feature.js';
import { DisclosureStore, type DisclosureRow } from '../store/disclosure-store.js';
import { EvidenceRetentionStore } from '../store/evidence-retention-store.js';
import { EvidenceStore, type EvidencePackRow, type WitnessStatementRow } from '../store/evidence-store.js';
import { defaultEvidenceSources, exportViaMedia, type EvidenceSources, type MediaExportPort } from './evidence-sources.js';
import { EvidenceService } from './evidence-service.js';
import { groupedFingerprint } from './signing-key.js';

export interface EvidenceFeature extends Feature {
  readonly name: 'evidence';
  readonly service: EvidenceService;
  readonly disclosures: DisclosureService;
  readonly retention: RetentionSweep;
}

export interface EvidenceOptions {
  /** Tests pass their own, or wrap the defaults. */
  sources?: EvidenceSources | ((defaults: EvidenceSources) => EvidenceSources);
  ffmpegPath?: string;
  ffprobePath?: string;
}

type EvidenceHandlers = Pick<Handlers, 'getCaseEvidence' | 'buildEvidencePack' | 'verifyEvidencePack' | 'createWitnessStatement' | 'getSigningKey' | 'listSignPhotos' | 'addSignPhoto' | 'getRetention' | 'updateRetention' | 'runRetentionNow' | 'listDisclosures' | 'getDisclosure' | 'createDisclosure'>;

const toPack = (r: EvidencePackRow): EvidencePack => {
  const { dir: _dir, ...rest } = r;
  return { ...rest, downloadUrl: `/api/evidence/packs/${r.id}/download` };
};
const toStatement = (r: WitnessStatementRow): WitnessStatement => {
  const { path: _p, ...rest } = r;
  return { ...rest, pdfUrl: `/api/evidence/statements/${r.id}/pdf` };
};
const toDisclosure = (r: DisclosureRow): Disclosure => {
  const { dir: _d, redaction, files, ...rest } = r;
  return { ...rest, regions: redaction.regions.length, otherPlates: redaction.otherPlates, files: files.map((f) => ({ ...f, url: `/api/dataprotection/disclosures/${r.id}/files/${encodeURIComponent(f.name)}` })) };
};

const positiveId = (raw: unknown): number => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw new ApiFailure(400, 'invalid-request', 'id must be a positive whole number');
  return id;
};

export function evidenceFeatureWith(opts: EvidenceOptions = {}) {
  return (core: CoreContext, features: FeatureRegistry): EvidenceFeature => evidenceFeature(core, features, opts);
}

/**
 * The evidence feature: signed evidence packs and witness statements per
 * PCN, sign photographs, the retention schedule for reads, pictures, events
 * and keeper data, and redacted disclosures. Uses the features before it
 * (cameras, media, health, anpr, pcn) where they are registered.
 */
export function evidenceFeature(core: CoreContext, features: FeatureRegistry, opts: EvidenceOptions = {}): EvidenceFeature {
  const db = core.store.db;
  const store = new EvidenceStore(db);
  const defaults = defaultEvidenceSources(db, features);
  const sources = typeof opts.sources === 'function' ? opts.sources(defaults) : (opts.sources ?? defaults);
  const service = new EvidenceService({
    store, users: core.store.users, sources, audit: core.audit, dataDir: core.dataDir, councilName: () => core.councilName(),
    generator: { name: 'cctv-enforcement-workstation', version: core.version }, setting: (k) => core.store.settings.get(k),
  });
  const owner = new ProcessOwner();
  let tools: { ffmpeg: string; ffprobe: string } | null = null;
  const locate = () => {
    if (!tools) {
      if (opts.ffmpegPath && opts.ffprobePath) tools = { ffmpeg: opts.ffmpegPath, ffprobe: opts.ffprobePath };
      else {
        const t = locateFfmpeg();
        tools = { ffmpeg: opts.ffmpegPath ?? t.ffmpeg.path, ffprobe: opts.ffprobePath ?? t.ffprobe.path };
      }
    }
    return tools;
  };
  const media = features.find<Feature & { service?: MediaExportPort }>('media')?.service;
  const disclosureStore = new DisclosureStore(db);
  const disclosures = new DisclosureService({
    store: disclosureStore, audit: core.audit, dataDir: core.dataDir, council: () => core.councilName(),
    ports: {
      exportOriginal: (req, by) => {
        if (!media) throw new Error('the media feature is not running, so no footage can be exported');
        return exportViaMedia(media, { ...req, original: true, presentation: false, stillsMs: [] }, by);
      },
      frameSize: async (file) => {
        const p = await probeFile(file, { ffprobePath: locate().ffprobe, tracker: owner });
        if (!p.width || !p.height) throw new Error('the clip has no video stream to redact');
        return { width: p.width, height: p.height };
      },
      runFfmpeg: async (args) => {
        await owner.run({ command: locate().ffmpeg, args, timeoutMs: 30 * 60_000, name: 'ffmpeg redact' });
      },
    },
  });
  const anpr = features.find<Feature & { images?: { pathOf(sha: string): string } }>('anpr');
  const pcn = features.find<Feature & { service?: { purgeKeeperData?: () => number } }>('pcn');
  const settings = () => readRetention((k) => core.store.settings.get(k));
  const retentionStore = new EvidenceRetentionStore(db);
  const retention = new RetentionSweep({
    store: retentionStore, audit: core.audit, settings,
    imagePath: (sha) => (anpr?.images ? anpr.images.pathOf(sha) : path.join(core.dataDir, 'anpr-images', sha.slice(0, 2), `${sha}.jpg`)),
    purgeKeeperData: pcn?.service?.purgeKeeperData ? () => pcn.service!.purgeKeeperData!() : null,
  });

  const handlers: EvidenceHandlers = {
    getCaseEvidence: (ctx) => {
      if (!sources.pcn(ctx.params.id)) throw notFound(`PCN ${ctx.params.id}`);
      core.audit.record(actorOf(signedIn(ctx)), 'evidence.view', `pcn:${ctx.params.id}`, {});
      return { packs: store.packsOf(ctx.params.id).map(toPack), statements: store.statementsOf(ctx.params.id).map(toStatement) };
    },
    buildEvidencePack: async (ctx) => toPack(await service.buildPack(ctx.params.id, actorOf(signedIn(ctx)))),
    verifyEvidencePack: (ctx) => {
      const r = service.verify(ctx.params.id);
      core.audit.record(actorOf(signedIn(ctx)), 'evidence.pack.verify', `evidence-pack:${ctx.params.id}`, { ok: r.ok, problems: r.problems.length });
      return r;
    },
    createWitnessStatement: async (ctx) => {
      const u = signedIn(ctx);
      return toStatement(await service.makeStatement(ctx.params.id, ctx.body, u));
    },
    getSigningKey: () => {
      const k = service.signingKey();
      return { algorithm: 'ed25519' as const, fingerprint: k.fingerprint, fingerprintGrouped: groupedFingerprint(k.fingerprint), publicKeyPem: k.publicKeyPem, registered: store.keys().map((x) => ({ fingerprint: x.fingerprint, createdAt: x.createdAt })) };
    },
    listSignPhotos: ({ query }) => store.signPhotos(query.cameraId),
    addSignPhoto: (ctx) => {
      const b = ctx.body;
      const bytes = Buffer.from(b.imageBase64, 'base64');
      return service.addSignPhoto({ cameraId: b.cameraId, bytes, caption: b.caption, takenOn: b.takenOn }, actorOf(signedIn(ctx)));
    },
    getRetention: () => {
      const s = settings();
      const last = retentionStore.lastRunAt();
      return { settings: s, runs: retentionStore.runs(20), nextRunAt: last === null ? null : last + s.sweepEveryHours * 3600_000 };
    },
    updateRetention: (ctx) => {
      const merged = RetentionSettings.safeParse({ ...settings(), ...ctx.body });
      if (!merged.success) throw new ApiFailure(400, 'invalid-request', merged.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const by = actorOf(signedIn(ctx));
      core.store.settings.set(RETENTION_SETTINGS_KEY, merged.data, by.name, Date.now());
      core.audit.record(by, 'dataprotection.retention.settings', 'settings:retention', { ...ctx.body });
      return merged.data;
    },
    runRetentionNow: (ctx) => retention.run(actorOf(signedIn(ctx))).run,
    listDisclosures: () => disclosureStore.list(200).map(toDisclosure),
    getDisclosure: (ctx) => toDisclosure(disclosures.get(ctx.params.id)),
    createDisclosure: (ctx) => {
      const b = ctx.body;
      const row = disclosures.create(
        { cameraId: b.cameraId, fromMs: b.from, toMs: b.to, vrm: b.vrm, requester: b.requester, requesterKind: b.requesterKind, legalBasis: b.legalBasis, recipient: b.recipient, requestRef: b.requestRef, regions: b.regions, plateTracks: b.plateTracks, plateTrackOffsetS: b.plateTrackOffsetS },
        actorOf(signedIn(ctx)),
      );
      return toDisclosure(row);
    },
  };

  let timer: NodeJS.Timeout | null = null;
  const sweep = () => {
    try {
      retention.run(systemActor);
    } catch (e) {
      core.log.error({ err: e }, 'retention sweep failed');
    }
  };

  return {
    name: 'evidence',
    service,
    disclosures,
    retention,
    handlers,
    rawRoutes(app, authenticate) {
      app.get('/api/evidence/packs/:id/download', async (req, reply) => {
        const user = authenticate(req, anyRole)!;
        const { row, name, bytes } = service.packTar(positiveId((req.params as { id: string }).id));
        core.audit.record(actorOf(user), 'evidence.pack.export', `pcn:${row.pcnId}`, { packId: row.id, reference: row.pcnReference, version: row.version, manifestSha256: row.manifestSha256 });
        return reply.header('Content-Type', 'application/x-tar').header('Content-Disposition', `attachment; filename="${name}"`).send(bytes);
      });
      app.get('/api/evidence/statements/:id/pdf', async (req, reply) => {
        const user = authenticate(req, anyRole)!;
        const { row, bytes } = service.statementFile(positiveId((req.params as { id: string }).id));
        core.audit.record(actorOf(user), 'evidence.statement.view', `pcn:${row.pcnId}`, { statementId: row.id, sha256: row.sha256 });
        const download = (req.query as Record<string, unknown>).download === '1';
        return reply.header('Content-Type', 'application/pdf').header('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename="witness-statement-${row.pcnReference}-${row.id}.pdf"`).header('X-Content-SHA256', row.sha256).send(bytes);
      });
      app.get('/api/dataprotection/disclosures/:id/files/:name', async (req, reply) => {
        const user = authenticate(req, supervisorUp)!;
        const p = req.params as { id: string; name: string };
        const { row, bytes } = disclosures.file(positiveId(p.id), p.name);
        core.audit.record(actorOf(user), 'dataprotection.disclosure.download', `disclosure:${row.id}`, { reference: row.reference, file: p.name });
        return reply.header('Content-Type', p.name.endsWith('.mp4') ? 'video/mp4' : 'application/json').header('Content-Disposition', `attachment; filename="${p.name}"`).send(bytes);
      });
    },
    start() {
      disclosureStore.failUnfinished(Date.now());
      // The schedule: once at start-up (catching up after downtime), then every sweepEveryHours.
      sweep();
      timer = setInterval(sweep, settings().sweepEveryHours * 3600_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await disclosures.idle();
      await owner.dispose();
    },
  };
}
