import type { ProcessOwner } from '../../native/index.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { MediaExportsStore } from '../store/media-exports-store.js';
import type { MediaLocksStore } from '../store/media-locks-store.js';
import type { RecordingsStore } from '../store/recordings-store.js';
import type { ExportService } from './export-service.js';
import type { MediaLibrary } from './media-library.js';
import type { RecorderManager } from './recorder-manager.js';
import type { RetentionService } from './retention-service.js';
import type { ViewAudit } from './view-audit.js';

/** The media feature's pieces, wired once by media-feature.ts and shared by its handlers and raw routes. */
export interface MediaFeatureParts {
  store: RecordingsStore;
  locksStore: MediaLocksStore;
  exportsStore: MediaExportsStore;
  owner: ProcessOwner;
  recorders: RecorderManager;
  library: MediaLibrary;
  retention: RetentionService;
  exports: ExportService;
  views: ViewAudit;
  audit: AuditLog;
  recordingsRoot: string;
  absolute: (rel: string) => string;
  minFreeBytes: () => number;
}
