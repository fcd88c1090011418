import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import { checkRateLimitOptions, rateLimiterFromFlexible } from './rate-limiter-flexible-consume.js';
import type { RateLimitOptions } from './rate-limiter-flexible-consume.js';

/** Per-process counters: exact within one instance only. */
export function createMemoryRateLimiter(options: RateLimitOptions): RateLimiter {
  checkRateLimitOptions(options);
  return rateLimiterFromFlexible(new RateLimiterMemory({ points: options.points, duration: options.durationSeconds }));
}
