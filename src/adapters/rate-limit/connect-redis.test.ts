import { describe, expect, it } from 'vitest';
import { connectRedis, describeRedisTarget } from './connect-redis.js';

describe('describeRedisTarget', () => {
  it.each([
    ['redis://:s3cret@cache.internal:6380/2', 'cache.internal:6380/2'],
    ['rediss://user:pw@cache.internal', 'cache.internal:6379/0'],
  ])('%s names %s and no credentials', (url, expected) => {
    expect(describeRedisTarget(url)).toBe(expected);
  });
});

describe('connectRedis', () => {
  it('fails start-up with a message naming the target but never the password', async () => {
    const errors: Error[] = [];
    const error: unknown = await connectRedis('redis://:hunter2-secret@127.0.0.1:1/0', { onError: (e) => errors.push(e), connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^cannot reach Redis at 127\.0\.0\.1:1\/0: .*ECONNREFUSED/);
    expect(message).not.toContain('hunter2');
  });

  const redisUp = process.env.PASSWARDEN_TEST_REDIS === '1';
  if (!redisUp) {
    if (process.env.CI === 'true') throw new Error('Redis on 127.0.0.1:6379 is not reachable and CI=true: failing instead of skipping');
    process.stderr.write('[connect-redis.test] skipped: Redis on 127.0.0.1:6379 is not reachable\n');
  }
  it.skipIf(!redisUp)('connects to a reachable Redis and answers commands (needs Redis on 127.0.0.1:6379)', async () => {
    const redis = await connectRedis('redis://127.0.0.1:6379', { onError: () => undefined });
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      await redis.quit();
    }
  });
});
