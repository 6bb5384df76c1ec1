import type { Logger } from './log/logger.js';
import type { Store } from './store/store.js';
import type { AuditLog } from './audit/audit-log.js';
import type { AuthService } from './auth/auth-service.js';
import type { ServerEvent } from './api/contract.js';
import type { SecretSealer } from './secrets/secret-sealer.js';

/**
 * What the API handlers and services share: the store, the audit log, auth,
 * the log, and the event bus the WebSocket relays to clients.
 * Built once by createCore(); tests build their own.
 */
export interface CoreContext {
  readonly version: string;
  readonly startedAt: number;
  readonly mode: 'desktop' | 'server' | 'demo';
  readonly dataDir: string;
  readonly store: Store;
  readonly secrets: SecretSealer;
  readonly audit: AuditLog;
  readonly auth: AuthService;
  readonly log: Logger;
  councilName(): string;
  schemaVersion(): number;
  ffmpegInfo(): { path: string; version: string } | null;
  publish(event: ServerEvent): void;
  subscribe(listener: (event: ServerEvent) => void): () => void;
}
