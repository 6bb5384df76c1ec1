import type { CoreContext } from '../core-context.js';
import type { Feature, FeatureRegistry } from '../features/feature.js';
import type { Handlers } from '../api/handler.js';
import { actorOf, signedIn } from '../api/handler.js';
import { ApiFailure } from '../api/api-failure.js';
import { anyRole } from '../api/contract/route.js';
import { PcnStore } from '../store/pcn-store.js';
import { PcnKeeperStore } from '../store/pcn-keeper-store.js';
import { PcnQualityStore } from '../store/pcn-quality-store.js';
import { CouncilPcnSettings, PCN_SETTINGS_KEY } from './council-settings.js';
import { defaultFactSources, type PcnFactSources } from './fact-sources.js';
import type { KeeperEnquiryChannel } from './keeper-channel.js';
import { PcnService } from './pcn-service.js';
import { toPcnDetail, toPcnSummary } from './pcn-dto.js';
import { QUALITY_CHECKLIST } from './quality-audit.js';

export interface PcnFeature extends Feature {
  readonly name: 'pcn';
  readonly service: PcnService;
}

type PcnHandlers = Pick<Handlers, 'listPcns' | 'getPcn' | 'assessPcn' | 'issuePcn' | 'pcnAction' | 'generateNotice' | 'pcnDeadlines' | 'exportPcns' | 'importPayments' | 'exportKeeperEnquiries' | 'importKeeperReplies' | 'pcnReport' | 'sampleQualityAudit' | 'listQualityAudits' | 'recordQualityAudit' | 'getPcnSettings' | 'updatePcnSettings'>;

/** Keeper data is checked for deletion once a day (and at start-up). */
const PURGE_EVERY_MS = 24 * 3600_000;

export function createPcnService(core: Pick<CoreContext, 'store' | 'audit' | 'dataDir'>, opts: { sources?: PcnFactSources; features?: FeatureRegistry; keeperChannel?: KeeperEnquiryChannel; now?: () => number } = {}): PcnService {
  const db = core.store.db;
  return new PcnService({
    pcns: new PcnStore(db),
    keepers: new PcnKeeperStore(db),
    quality: new PcnQualityStore(db),
    settings: core.store.settings,
    audit: core.audit,
    sources: opts.sources ?? defaultFactSources(db, opts.features),
    dataDir: core.dataDir,
    ...(opts.keeperChannel ? { keeperChannel: opts.keeperChannel } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
}

/** The pcn feature: fact sources come from the features registered before it (cameras, media, health, anpr). */
export function pcnFeature(core: CoreContext, features: FeatureRegistry, opts: { sources?: PcnFactSources; keeperChannel?: KeeperEnquiryChannel } = {}): PcnFeature {
  const service = createPcnService(core, { ...opts, features });
  let timer: NodeJS.Timeout | null = null;
  const purge = () => {
    try {
      service.purgeKeeperData();
    } catch (e) {
      core.log.error({ err: e }, 'keeper data purge failed');
    }
  };

  const handlers: PcnHandlers = {
    listPcns: ({ query }) => {
      const { limit, offset, stage, ...filters } = query;
      const f = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as typeof filters;
      const { total, pcns } = service.pcns.list({ ...f, ...(stage ? { stage } : {}), limit, offset });
      return { total, counts: service.pcns.countsByStage(f), pcns: pcns.map((p) => toPcnSummary(service, p)) };
    },
    getPcn: (ctx) => {
      const p = service.get(ctx.params.id);
      core.audit.record(actorOf(signedIn(ctx)), 'pcn.view', `pcn:${p.id}`, { reference: p.reference });
      return toPcnDetail(service, p);
    },
    assessPcn: ({ body }) => {
      const a = service.assess(body);
      return { outcome: a.outcome, failures: a.failures, serviceBy: a.dates?.serviceBy ?? null, warning: a.warning?.reason ?? null };
    },
    issuePcn: (ctx) => toPcnSummary(service, service.issueFromDecision({ ...ctx.body, officer: actorOf(signedIn(ctx)) })),
    pcnAction: (ctx) => toPcnSummary(service, service.act(ctx.params.id, ctx.body, actorOf(signedIn(ctx)))),
    generateNotice: async (ctx) => toPcnSummary(service, await service.generateNotice(ctx.params.id, ctx.body, actorOf(signedIn(ctx)))),
    pcnDeadlines: ({ query }) => service.deadlines(query.nearDays),
    exportPcns: (ctx) => service.exportPcns(ctx.query.format, ctx.query, actorOf(signedIn(ctx))),
    importPayments: (ctx) => service.importPayments(ctx.body.csv, actorOf(signedIn(ctx))),
    exportKeeperEnquiries: (ctx) => service.exportKeeperBatch(actorOf(signedIn(ctx)), ctx.body.ids),
    importKeeperReplies: (ctx) => service.importKeeperReplies(ctx.body.csv, actorOf(signedIn(ctx))),
    pcnReport: ({ query }) => service.report(query),
    sampleQualityAudit: (ctx) => service.sampleQuality(ctx.body.month, ctx.body.seed, ctx.body.percent, actorOf(signedIn(ctx))),
    listQualityAudits: ({ query }) => ({ checklist: [...QUALITY_CHECKLIST], audits: service.quality.list(query.month), results: service.qualityResults(query.month) }),
    recordQualityAudit: (ctx) => service.recordQuality(ctx.params.id, ctx.body.checks, ctx.body.notes, actorOf(signedIn(ctx))),
    getPcnSettings: () => {
      const { charges: _charges, ...s } = service.settings();
      return s;
    },
    updatePcnSettings: (ctx) => {
      const merged = CouncilPcnSettings.safeParse({ ...service.settings(), ...ctx.body });
      if (!merged.success) throw new ApiFailure(400, 'invalid-request', merged.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const by = actorOf(signedIn(ctx));
      core.store.settings.set(PCN_SETTINGS_KEY, merged.data, by.name, Date.now());
      core.audit.record(by, 'pcn.settings', 'settings:pcn', { ...ctx.body });
      const { charges: _charges, ...s } = service.settings();
      return s;
    },
  };

  return {
    name: 'pcn',
    service,
    handlers,
    rawRoutes(app, authenticate) {
      // The notice PDF as a file (download, or a browser's own viewer); the token may come as ?access_token= for a plain link.
      app.get('/api/pcns/:id/notice.pdf', async (req, reply) => {
        const user = authenticate(req, anyRole)!;
        const id = Number((req.params as { id: string }).id);
        if (!Number.isInteger(id) || id < 1) throw new ApiFailure(400, 'invalid-request', 'id must be a positive whole number');
        const f = service.noticeFile(id);
        core.audit.record(actorOf(user), 'pcn.notice-view', `pcn:${id}`, { sha256: f.sha256 });
        const download = (req.query as Record<string, unknown>).download === '1';
        return reply
          .header('Content-Type', 'application/pdf')
          .header('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename="${f.fileName}"`)
          .header('X-Content-SHA256', f.sha256)
          .send(f.bytes);
      });
    },
    start() {
      purge();
      timer = setInterval(purge, PURGE_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
