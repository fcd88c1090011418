/** The state of one account's failure counter. */
export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
}

export type AttemptStart =
  | { allowed: true; failures: number; lockedUntil: Date | null }
  | { allowed: false; lockedUntil: Date };

/**
 * The per-account failure counter shared by log-in and the current-password check. It is keyed by
 * tenant and username key, not user id, so unknown usernames are throttled exactly like real ones.
 *
 * An attempt is counted as a failure *before* the password is verified and the count is cleared on
 * success: concurrent guesses can never slip past the limit, and no increment is lost, on any number
 * of instances.
 */
export interface AttemptThrottle {
  /**
   * Atomically: if the key is locked at `now`, refuse without counting. Otherwise add one failure,
   * set `lockedUntil = now + waitAfterFailures(waitsMs, failures)` when that wait is positive, and allow.
   * The schedule is data (see lockoutWaitsMs) so a database can apply it in the same statement.
   */
  begin(tenantId: string, key: string, now: Date, waitsMs: readonly number[]): Promise<AttemptStart>;
  /** Clears the counter (a success, an unlock, or an administrator's new password). */
  reset(tenantId: string, key: string): Promise<void>;
  get(tenantId: string, key: string): Promise<ThrottleState | undefined>;
  /** Forgets counters with no lock in force whose last failure is older than `before`. */
  purgeStale(before: Date): Promise<number>;
}
