/**
 * A log-in session. The bearer token itself is never stored: `id` is its SHA-256 digest, so a leaked
 * database cannot be replayed as sessions.
 */
export interface Session {
  /** Digest of the token (hex SHA-256). */
  id: string;
  tenantId: string;
  userId: string;
  createdAt: Date;
  /** Absolute end of life. */
  expiresAt: Date;
  /** Last use, for the idle timeout; refreshed at most once a minute to spare the store. */
  lastSeenAt: Date;
  /** When the user last proved their password to obtain this session (for the fresh-session rule). */
  authenticatedAt: Date;
  /** From a temporary password: the session may only change the password, read itself and log out. */
  passwordChangeOnly: boolean;
  /** Which wire format created it ('native', 'vrni', …): for audit and per-dialect token rules. */
  origin: string;
}

export interface SessionLifetime {
  /** Absolute lifetime in seconds. */
  ttlSeconds: number;
  /** A session unused for this long ends. */
  idleSeconds: number;
}

export type SessionState = 'active' | 'expired';

export function sessionState(session: Session, lifetime: SessionLifetime, now: Date): SessionState {
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= lifetime.idleSeconds * 1000) return 'expired';
  return 'active';
}

/** Refresh lastSeenAt only when it is this stale: idle timeouts stay accurate to a minute. */
export const TOUCH_INTERVAL_MS = 60_000;
