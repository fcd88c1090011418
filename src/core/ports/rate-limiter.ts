/** A per-key limit on attempts (per IP address for log-ins, changes and checks). */
export interface RateLimiter {
  /** Spends one attempt for `key`; refuses with the wait when the key's budget is used up. */
  consume(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}
