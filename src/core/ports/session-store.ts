import type { Session } from '../sessions/session.js';
import type { User } from '../users/user.js';

/**
 * Sessions, looked up by the digest of their token. Revocation deletes: a revoked session is then
 * indistinguishable from one that never existed, on every instance, from the next request on.
 */
export interface SessionStore {
  create(session: Session): Promise<void>;
  /**
   * Inserts the session unless its user already holds `limit` live sessions (see countLive) of the
   * same origin at `now`. Count and insert are one transaction, serialised per user, so racing
   * log-ins on any number of instances cannot pass the limit. Returns whether it was inserted.
   */
  createWithinLimit(session: Session, limit: number, now: Date): Promise<boolean>;
  get(id: string): Promise<Session | undefined>;
  /** The session with its user, read together (one query on the SQL stores): authentication needs both. */
  getWithUser(id: string): Promise<{ session: Session; user: User } | undefined>;
  touch(id: string, lastSeenAt: Date): Promise<void>;
  /** Revokes one session; false when it was already gone. */
  revoke(id: string): Promise<boolean>;
  /** Revokes every session of the user, optionally but one; returns how many were revoked. */
  revokeAllForUser(tenantId: string, userId: string, exceptId?: string): Promise<number>;
  /** Sessions of the user that have not reached their absolute expiry at `now` and were created by `origin`. */
  countLive(tenantId: string, userId: string, origin: string, now: Date): Promise<number>;
  /** Deletes sessions past their absolute expiry; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
