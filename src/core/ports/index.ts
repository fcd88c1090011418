import type { AttemptThrottle } from './attempt-throttle.js';
import type { AuditLog } from './audit-log.js';
import type { BreachedPasswordChecker } from './breached-password-checker.js';
import type { Clock } from './clock.js';
import type { CommonPasswordList } from './common-password-list.js';
import type { CredentialStore } from './credential-store.js';
import type { PasswordHasher } from './password-hasher.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SecretTokens } from './secret-tokens.js';
import type { SessionStore } from './session-store.js';
import type { StrengthEstimator } from './strength-estimator.js';
import type { TenantStore } from './tenant-store.js';
import type { UserDirectory } from './user-directory.js';
import type { SessionLifetime } from '../sessions/session.js';

/** Deployment-wide settings the use cases read (tenant-specific ones live in the tenant's policy). */
export interface ServiceSettings {
  session: SessionLifetime;
  /** Used as a context word: a password may not contain the product's name. */
  productName: string;
  /** Live sessions a user may hold per origin before new log-ins are refused (vRNI documents 100). */
  maxLiveSessionsPerUser: number;
  /**
   * When the breach corpus cannot answer: false (default) refuses the password with
   * `breach_check_unavailable`; true accepts it as if it were not breached (the adapter logs the failure).
   */
  breachFailOpen: boolean;
}

/** Every port. Use cases depend on `Pick<Ports, …>` of just what they use. */
export interface Ports {
  tenants: TenantStore;
  users: UserDirectory;
  credentials: CredentialStore;
  sessions: SessionStore;
  throttle: AttemptThrottle;
  audit: AuditLog;
  hasher: PasswordHasher;
  tokens: SecretTokens;
  clock: Clock;
  ipLimiter: RateLimiter;
  commonPasswords: CommonPasswordList;
  strength: StrengthEstimator;
  /** null: the deployment has no breach corpus (neither PASSWARDEN_BREACH_API_URL nor a local corpus). */
  breach: BreachedPasswordChecker | null;
  settings: ServiceSettings;
}
