import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';
import { rateLimiterFromFlexible } from './rate-limiter-flexible-consume.js';

describe('createMemoryRateLimiter', () => {
  it.each([
    { points: 1, durationSeconds: 60 },
    { points: 3, durationSeconds: 60 },
    { points: 10, durationSeconds: 3600 },
  ])('allows $points attempts per key, then refuses with the wait ($durationSeconds s window)', async ({ points, durationSeconds }) => {
    const limiter = createMemoryRateLimiter({ points, durationSeconds });
    for (let i = 0; i < points; i += 1) await expect(limiter.consume('10.0.0.1')).resolves.toEqual({ allowed: true });
    const refused = await limiter.consume('10.0.0.1');
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(Number.isInteger(refused.retryAfterSeconds)).toBe(true);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(durationSeconds - 1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(durationSeconds);
  });

  it('counts each key separately', async () => {
    const limiter = createMemoryRateLimiter({ points: 1, durationSeconds: 60 });
    expect(await limiter.consume('a')).toEqual({ allowed: true });
    expect((await limiter.consume('a')).allowed).toBe(false);
    expect(await limiter.consume('b')).toEqual({ allowed: true });
  });

  it('is exact under concurrency', async () => {
    const limiter = createMemoryRateLimiter({ points: 5, durationSeconds: 60 });
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.consume('burst')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('allows again after the window', async () => {
    const limiter = createMemoryRateLimiter({ points: 1, durationSeconds: 1 });
    expect((await limiter.consume('k')).allowed).toBe(true);
    expect(await limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limiter.consume('k')).allowed).toBe(true);
  });

  it.each([
    { points: 0, durationSeconds: 60 },
    { points: 1.5, durationSeconds: 60 },
    { points: 5, durationSeconds: 0 },
    { points: 5, durationSeconds: Number.NaN },
  ])('refuses options $points points / $durationSeconds s', (options) => {
    expect(() => createMemoryRateLimiter(options)).toThrow(RangeError);
  });
});

describe('rateLimiterFromFlexible', () => {
  it('rethrows store failures instead of treating them as refusals', async () => {
    const failure = new Error('store down');
    const broken = { consume: () => Promise.reject(failure) } as unknown as RateLimiterAbstract;
    await expect(rateLimiterFromFlexible(broken).consume('k')).rejects.toBe(failure);
  });
});
