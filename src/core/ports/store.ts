import type { AttemptThrottle } from './attempt-throttle.js';
import type { AuditLog } from './audit-log.js';
import type { CredentialStore } from './credential-store.js';
import type { SessionStore } from './session-store.js';
import type { TenantStore } from './tenant-store.js';
import type { UserDirectory } from './user-directory.js';

/** Everything a storage adapter provides. One database holds all of it. */
export interface Store {
  tenants: TenantStore;
  users: UserDirectory;
  credentials: CredentialStore;
  sessions: SessionStore;
  throttle: AttemptThrottle;
  audit: AuditLog;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
