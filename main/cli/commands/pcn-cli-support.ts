import { resolveDataDir } from '../../config/data-dir.js';
import { Store } from '../../store/store.js';
import { AuditLog } from '../../audit/audit-log.js';
import { ApiFailure } from '../../api/api-failure.js';
import { createPcnService } from '../../pcn/pcn-feature.js';
import type { PcnService } from '../../pcn/pcn-service.js';
import type { CliIo } from '../command.js';

/**
 * Opens the store for a pcn/keeper command and runs `fn` with the same
 * PcnService the API uses, so every precondition and all-or-nothing import
 * applies here too. Without the running core's health feature the clock,
 * frame-rate and defect facts are unknown, and an issue is refused.
 */
export async function withPcnService(cmd: string, data: string | true | undefined, io: CliIo, fn: (s: PcnService, store: Store) => Promise<number> | number): Promise<number> {
  const dataDir = resolveDataDir(typeof data === 'string' ? data : undefined);
  const store = Store.open(dataDir);
  try {
    const service = createPcnService({ store, audit: new AuditLog(store.audit), dataDir });
    return await fn(service, store);
  } catch (e) {
    if (e instanceof ApiFailure) {
      io.err(`cctv ${cmd}: ${e.message}`);
      const d = e.details as { failures?: { id: string; reason: string }[]; errors?: { line: number; field?: string; message: string }[] } | undefined;
      for (const f of d?.failures ?? []) io.err(`  precondition ${f.id}: ${f.reason}`);
      for (const r of d?.errors ?? []) io.err(`  line ${r.line}${r.field ? ` (${r.field})` : ''}: ${r.message}`);
      return e.status === 422 ? 3 : 2;
    }
    throw e;
  } finally {
    store.close();
  }
}

export function cliActor(officer: string | true | undefined): { id: null; name: string } | null {
  return typeof officer === 'string' && officer.trim() ? { id: null, name: officer.trim() } : null;
}
