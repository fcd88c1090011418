import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import { checkRateLimitOptions, rateLimiterFromFlexible } from './rate-limiter-flexible-consume.js';
import type { RateLimitOptions } from './rate-limiter-flexible-consume.js';

export interface RedisRateLimitOptions extends RateLimitOptions {
  /** Namespace of the counters' keys, e.g. "passwarden:rl:login-ip". */
  keyPrefix: string;
}

/**
 * Counters in Redis (atomic Lua increment with TTL), shared by every instance. While Redis cannot be
 * reached, rate-limiter-flexible's insurance limiter keeps counting in this process's memory, so an
 * outage degrades the per-IP limit to per-instance instead of refusing every log-in (the per-account
 * failure counter lives in the database and is unaffected).
 */
export function createRedisRateLimiter(redis: Redis, options: RedisRateLimitOptions): RateLimiter {
  checkRateLimitOptions(options);
  if (options.keyPrefix.length === 0) throw new RangeError('keyPrefix must not be empty');
  // ioredis is passed as storeClient alone: useRedisPackage is only for the `redis` (node-redis) package.
  return rateLimiterFromFlexible(
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationSeconds,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds }),
    }),
  );
}
