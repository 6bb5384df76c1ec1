import type { Handlers } from '../handler.js';
import type { CoreContext } from '../../core-context.js';

export function systemHandlers(core: CoreContext): Pick<Handlers, 'health' | 'searchAudit' | 'verifyAudit'> {
  return {
    health: () => ({
      status: 'ok' as const,
      version: core.version,
      schemaVersion: core.schemaVersion(),
      uptimeS: Math.round((Date.now() - core.startedAt) / 1000),
      mode: core.mode,
      ffmpeg: core.ffmpegInfo(),
    }),
    searchAudit: ({ query }) =>
      core.store.audit.search(query).map((r) => ({ seq: r.seq, at: r.at, actorName: r.actorName, action: r.action, subject: r.subject, details: r.details })),
    verifyAudit: () => core.audit.verify(),
  };
}
