import type { AuditEvent } from '../audit/audit-event.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import type { Session } from '../sessions/session.js';

/** What a password change writes, atomically. */
export interface PasswordChange {
  tenantId: string;
  userId: string;
  /** The version read before verifying; null when the user had no credential. */
  expectedVersion: number | null;
  hash: string;
  temporary: boolean;
  changedAt: Date;
  /**
   * How many replaced hashes to keep: the hash being replaced is pushed into the user's history and
   * only the newest `keepHistory` entries remain. 0 keeps none and deletes any existing history.
   */
  keepHistory: number;
  /** Inserted in the same transaction, after every existing session of the user is revoked. */
  newSession: Session | null;
  /**
   * Appended to the audit log in the same transaction: a committed change always has its events, and
   * a change that lost its race has none.
   */
  auditEvents: readonly AuditEvent[];
}

/**
 * Privileged access to password hashes (like Kratos' PrivilegedPool). Only use cases that verify or
 * set passwords depend on it.
 */
export interface CredentialStore {
  get(tenantId: string, userId: string): Promise<PasswordCredential | undefined>;
  /**
   * In one transaction: compare-and-set the credential on `expectedVersion` (clearing `disabledAt` and
   * `expiredAt`), push the replaced hash into the history and trim it to `keepHistory`, revoke every
   * session of the user, insert `newSession` if given, reset the user's failure counter and append
   * `auditEvents`. Returns 'conflict'
   * and writes nothing when the version moved: of racing changes made from the same read, exactly one
   * commits.
   */
  commitPasswordChange(change: PasswordChange): Promise<'committed' | 'conflict'>;
  /**
   * Replaces the hash only (same password, new parameters) when the version still matches. Keeps
   * `temporary` and `changedAt`; a lost race is harmless and reported as false.
   */
  rehash(tenantId: string, userId: string, expectedVersion: number, hash: string): Promise<boolean>;
  /** Marks the password unusable until an administrator sets a new one. Idempotent. */
  disable(tenantId: string, userId: string, at: Date): Promise<void>;
  /**
   * The hashes of the user's previous passwords (never the current one), newest first, at most
   * `limit`. Deleted with the user.
   */
  history(tenantId: string, userId: string, limit: number): Promise<string[]>;
  /**
   * Marks the password expired (the next log-in yields a change-only session) and moves the version.
   * Idempotent: the first time stands. Returns false when the user has no password.
   */
  expire(tenantId: string, userId: string, at: Date): Promise<boolean>;
}
