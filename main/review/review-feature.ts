/**
 * The review feature: the officer's queue over the candidate events the anpr
 * feature builds, and the OCR assist. Registered after anpr (reads, white
 * list, restrictions) and media (frames for the OCR box); the pcn feature is
 * registered after it and is looked up when a contravention is decided.
 */
import { locateFfmpeg, ProcessOwner } from '../../native/index.js';
import { ApiFailure, invalid, notFound } from '../api/api-failure.js';
import { REJECT_REASONS, type PlateReadingDto, type RejectReason } from '../api/contract/review-routes.js';
import { actorOf, signedIn, type Handlers } from '../api/handler.js';
import type { AnprFeature } from '../anpr/anpr-feature.js';
import type { CoreContext } from '../core-context.js';
import type { Feature, FeatureFactory, FeatureRegistry } from '../features/feature.js';
import type { MediaFeature } from '../media/media-feature.js';
import { ImageDecodeError } from '../ocr/png-decode.js';
import { PlateReader, type PlateReading } from '../ocr/plate-reader.js';
import { createTesseractEngine, type OcrEngine } from '../ocr/tesseract-engine.js';
import { AnprReadsStore } from '../store/anpr-reads-store.js';
import { CamerasStore } from '../store/cameras-store.js';
import { EventsStore } from '../store/events-store.js';
import { RestrictionsStore } from '../store/restrictions-store.js';
import { ReviewQueueStore } from '../store/review-queue-store.js';
import type { UserRow } from '../store/users-store.js';
import { decisionDto } from './decision-dto.js';
import { ReviewService, type Officer, type PcnIssuer } from './review-service.js';

export interface ReviewFeature extends Feature {
  readonly name: 'review';
  readonly service: ReviewService;
  readonly plates: PlateReader;
}

export interface ReviewFeatureOptions {
  engine?: OcrEngine;
  now?: () => number;
}

type ReviewHandlers = Pick<Handlers, 'reviewNext' | 'reviewCase' | 'reviewDecide' | 'reviewRelease' | 'reviewRenew' | 'reviewReasons' | 'reviewStats' | 'reviewOcr' | 'ocrFrame' | 'ocrImage'>;

/** OCR readings of ANPR plate pictures by hash: a picture never changes, so neither does its reading. */
const OCR_CACHE_SIZE = 500;

const officerOf = (u: UserRow): Officer => ({ id: u.id, name: u.username, role: u.role });

export function createReviewFeature(options: ReviewFeatureOptions = {}): FeatureFactory {
  return (core: CoreContext, features: FeatureRegistry): ReviewFeature => {
    const db = core.store.db;
    const anpr = features.find<AnprFeature>('anpr');
    const media = features.find<MediaFeature>('media');
    const owner = new ProcessOwner();
    const engine = options.engine ?? createTesseractEngine();
    const plates = new PlateReader({ engine, ffmpegPath: () => locateFfmpeg().ffmpeg.path, owner });
    const ocrCache = new Map<string, PlateReading>();
    const remember = (sha: string, r: PlateReading) => {
      ocrCache.delete(sha);
      ocrCache.set(sha, r);
      if (ocrCache.size > OCR_CACHE_SIZE) ocrCache.delete(ocrCache.keys().next().value!);
    };
    const events = new EventsStore(db);
    const service = new ReviewService({
      queue: new ReviewQueueStore(db),
      events,
      settings: core.store.settings,
      audit: core.audit,
      sources: {
        reads: new AnprReadsStore(db),
        cameras: new CamerasStore(db),
        restrictions: new RestrictionsStore(db),
        anpr: anpr
          ? {
              whiteListCheck: (vrm, cameraId, atMs) => anpr.whiteList.check(vrm, { cameraId, atMs }),
              evaluate: (row, atMs) => anpr.restrictions.evaluate(row, row.schedule, atMs),
            }
          : {},
        cachedOcr: (sha) => ocrCache.get(sha) ?? null,
      },
      pcn: () => {
        const f = features.find<Feature & { service?: PcnIssuer }>('pcn');
        return f?.service ?? null;
      },
      publish: (e) => core.publish(e),
      ...(options.now ? { now: options.now } : {}),
    });

    const readPlatePicture = async (sha: string): Promise<PlateReadingDto> => {
      const hit = ocrCache.get(sha);
      if (hit) return hit;
      if (!anpr) throw new ApiFailure(503, 'anpr-unavailable', 'plate pictures are kept by the anpr feature, which is not running');
      const r = await plates.readImageFile(anpr.images.pathOf(sha));
      remember(sha, r);
      return r;
    };
    // Reading the next case's plate while the officer works on this one keeps the OCR off the critical path.
    const warmOcr = (c: { plate: { plateImage: string | null } } | null) => {
      const sha = c?.plate.plateImage;
      if (sha && !ocrCache.has(sha)) readPlatePicture(sha).catch((e: unknown) => core.log.warn({ err: (e as Error).message, sha }, 'review: OCR of a plate picture failed'));
    };
    const ocrFailure = (e: unknown): never => {
      if (e instanceof ImageDecodeError) throw new ApiFailure(422, 'unreadable-picture', e.message);
      throw e;
    };

    const handlers: ReviewHandlers = {
      reviewNext: (ctx) => {
        const c = service.next(officerOf(signedIn(ctx)), ctx.body);
        warmOcr(c);
        return { case: c, counts: service.counts() };
      },
      reviewCase: (ctx) => service.view(ctx.params.id, officerOf(signedIn(ctx))),
      reviewDecide: (ctx) => {
        const officer = officerOf(signedIn(ctx));
        const r = service.decide(officer, ctx.params.id, ctx.body);
        // The next case comes back in the same reply: the one already prefetched, else a new claim.
        const next = service.next(officer, { ahead: false, exclude: [] });
        warmOcr(next);
        return { decision: decisionDto(r.decision), pcn: r.pcn, next, counts: service.counts() };
      },
      reviewRelease: (ctx) => {
        service.release(officerOf(signedIn(ctx)), ctx.params.id);
        return { ok: true as const };
      },
      reviewRenew: (ctx) => ({ renewed: service.renew(officerOf(signedIn(ctx)), ctx.body.eventIds), leaseMs: service.leaseMs() }),
      reviewReasons: () => (Object.entries(REJECT_REASONS) as [RejectReason, string][]).map(([id, label]) => ({ id, label, needsText: id === 'other' })),
      reviewStats: (ctx) => service.stats(officerOf(signedIn(ctx))),
      reviewOcr: async (ctx) => {
        const c = service.caseOf(ctx.params.id, null);
        if (!c.plate.plateImage) return null;
        return readPlatePicture(c.plate.plateImage).catch(ocrFailure);
      },
      ocrFrame: async (ctx) => {
        const user = signedIn(ctx);
        if (!media) throw new ApiFailure(503, 'media-unavailable', 'recorded frames come from the media feature, which is not running');
        const { cameraId, at, box } = ctx.body;
        const frame = await media.service.frameAt(cameraId, at);
        const seg = media.parts.store.segment(frame.segmentId);
        if (!seg) throw notFound(`segment ${frame.segmentId}`);
        core.audit.record(actorOf(user), 'ocr.frame', `camera:${cameraId}`, { frameMs: frame.frameMs, segmentId: frame.segmentId, frameIndex: frame.frameIndex, box });
        const r = await plates.readFrame(media.parts.absolute(seg.path), frame.frameIndex, box).catch(ocrFailure);
        return { ...r, frame: { segmentId: frame.segmentId, frameIndex: frame.frameIndex, frameMs: frame.frameMs } };
      },
      ocrImage: async (ctx) => {
        const bytes = Buffer.from(ctx.body.image.replace(/^data:image\/[a-z]+;base64,/, ''), 'base64');
        if (bytes.length < 8) throw invalid('image: not a base64 PNG or JPEG picture');
        return plates.readImage(bytes, ctx.body.box).catch(ocrFailure);
      },
    };

    return {
      name: 'review',
      service,
      plates,
      handlers,
      async stop() {
        await engine.stop();
        await owner.dispose();
      },
    };
  };
}

export const reviewFeature: FeatureFactory = createReviewFeature();
