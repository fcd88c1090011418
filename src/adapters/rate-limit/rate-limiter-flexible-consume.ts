import { RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';

export interface RateLimitOptions {
  /** Attempts allowed per key in each window. */
  points: number;
  /** Window length. */
  durationSeconds: number;
}

export function checkRateLimitOptions({ points, durationSeconds }: RateLimitOptions): void {
  if (!Number.isSafeInteger(points) || points < 1) throw new RangeError(`points must be a positive integer, got ${points}`);
  if (!Number.isSafeInteger(durationSeconds) || durationSeconds < 1) {
    throw new RangeError(`durationSeconds must be a positive integer, got ${durationSeconds}`);
  }
}

/**
 * Adapts a rate-limiter-flexible limiter to the port. The library rejects with a RateLimiterRes when
 * the budget is spent and with an Error when the store fails: the first becomes a refusal, the second
 * propagates (an infrastructure failure, not a decision).
 */
export function rateLimiterFromFlexible(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (rejection: unknown) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        throw rejection;
      }
    },
  };
}
