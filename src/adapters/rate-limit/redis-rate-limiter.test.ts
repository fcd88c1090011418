import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from './redis-rate-limiter.js';

// test/global-setup.ts probes 127.0.0.1:6379 once and has already failed the run if CI=true and Redis is down.
const redisUp = process.env.PASSWARDEN_TEST_REDIS === '1';
const skipReason = 'Redis on 127.0.0.1:6379 is not reachable';
if (!redisUp) {
  if (process.env.CI === 'true') throw new Error(`${skipReason} and CI=true: failing instead of skipping`);
  process.stderr.write(`[redis-rate-limiter.test] skipped: ${skipReason}\n`);
}

describe.skipIf(!redisUp)('createRedisRateLimiter (needs Redis on 127.0.0.1:6379)', () => {
  const runPrefix = `passwarden-test:rl:${randomUUID()}`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false, maxRetriesPerRequest: 1 });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${runPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('allows the budget per key, then refuses with the wait', async () => {
    const limiter = createRedisRateLimiter(redis, { points: 3, durationSeconds: 60, keyPrefix: `${runPrefix}:a` });
    for (let i = 0; i < 3; i += 1) expect(await limiter.consume('10.0.0.1')).toEqual({ allowed: true });
    const refused = await limiter.consume('10.0.0.1');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect(await limiter.consume('10.0.0.2')).toEqual({ allowed: true });
  });

  it('is exact under concurrency and shared between instances (as between processes)', async () => {
    const options = { points: 5, durationSeconds: 60, keyPrefix: `${runPrefix}:b` };
    const one = createRedisRateLimiter(redis, options);
    const two = createRedisRateLimiter(redis, options);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).consume('shared')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('stores its counters under the key prefix with an expiry', async () => {
    const limiter = createRedisRateLimiter(redis, { points: 2, durationSeconds: 60, keyPrefix: `${runPrefix}:c` });
    await limiter.consume('k');
    const keys = await redis.keys(`${runPrefix}:c*`);
    expect(keys).toHaveLength(1);
    const ttl = await redis.ttl(keys[0] ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('refuses an empty key prefix', () => {
    expect(() => createRedisRateLimiter(redis, { points: 1, durationSeconds: 1, keyPrefix: '' })).toThrow(RangeError);
  });
});

describe('createRedisRateLimiter while Redis cannot be reached', () => {
  it('keeps limiting in memory instead of failing every attempt', async () => {
    // Port 1 refuses connections; no retries and no offline queue, so each command fails at once.
    const unreachable = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    unreachable.on('error', () => undefined);
    const limiter = createRedisRateLimiter(unreachable, { points: 2, durationSeconds: 60, keyPrefix: 'passwarden-test:rl:down' });
    expect(await limiter.consume('192.0.2.1')).toEqual({ allowed: true });
    expect(await limiter.consume('192.0.2.1')).toEqual({ allowed: true });
    expect((await limiter.consume('192.0.2.1')).allowed).toBe(false);
    unreachable.disconnect();
  });
});
