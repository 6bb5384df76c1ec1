import { UsageError, type CliCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { resolveDataDir } from '../../config/data-dir.js';
import { Store } from '../../store/store.js';
import { AuditLog } from '../../audit/audit-log.js';
import { WhiteListStore } from '../../store/whitelist-store.js';
import { RestrictionsStore } from '../../store/restrictions-store.js';
import { WhiteListService } from '../../anpr/white-list-service.js';
import { RestrictionsService } from '../../anpr/restrictions-service.js';
import { parseUkInstant } from '../../domain/uk-time.js';

export const whitelistCheckCommand: CliCommand = {
  path: ['whitelist', 'check'],
  summary: 'Is a VRM exempt? Explains which entry (or why none) and lists near misses',
  help: `Usage: cctv whitelist check VRM [--camera ID] [--at ISO] [--data DIR]

Prints one JSON object: {"vrm","at","cameraId","restrictionType","exempt",
"exemptBy","explanation","considered":[...],"nearMisses":[...]}.
Only an exact match exempts; near misses (one character off, or only
confusable characters such as O/0, I/1) are listed for the officer and never
exempt anyone. With --camera the entry's scope and the traffic order of the
camera's restriction at that time are checked too.

  --camera ID  camera id
  --at ISO     when (default now); without a zone it is UK local time
  --data DIR   data folder (default: CCTV_DATA_DIR or the per-OS default)
`,
  async run(argv, io) {
    const { flags, positional } = parseFlags(argv, { values: ['camera', 'at', 'data'] });
    if (positional.length === 0) throw new UsageError('give the VRM to check, e.g. cctv whitelist check "AB12 CDE"');
    const vrm = positional.join(' ');
    let cameraId: number | undefined;
    if (flags.camera !== undefined) {
      cameraId = Number(flags.camera);
      if (!Number.isInteger(cameraId) || cameraId <= 0) throw new UsageError(`--camera must be a camera id, not ${String(flags.camera)}`);
    }
    let atMs: number | undefined;
    if (flags.at !== undefined) {
      const t = parseUkInstant(String(flags.at));
      if (t === null) throw new UsageError(`--at must be an ISO 8601 time, not ${String(flags.at)}`);
      atMs = t;
    }
    const store = Store.open(resolveDataDir(typeof flags.data === 'string' ? flags.data : undefined));
    try {
      const audit = new AuditLog(store.audit);
      const restrictions = new RestrictionsService({ store: new RestrictionsStore(store.db), audit, cameraExists: () => true });
      const service = new WhiteListService({
        store: new WhiteListStore(store.db),
        audit,
        resolveCamera: () => undefined,
        restrictionAt: (cam, at) => {
          const r = restrictions.atCamera(cam, at);
          return r ? { type: r.restriction.type, permitted: r.restriction.permitted } : null;
        },
      });
      service.load();
      io.out(JSON.stringify(service.check(vrm, { cameraId, atMs })));
      return 0;
    } finally {
      store.close();
    }
  },
};
