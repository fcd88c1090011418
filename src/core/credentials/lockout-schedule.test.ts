import { describe, expect, it } from 'vitest';
import { lockoutDelaySeconds, lockoutWaitsMs, shouldDisablePassword, waitAfterFailures } from './lockout-schedule.js';
import { DEFAULT_PASSWORD_POLICY, type LockoutPolicy } from './password-policy.js';

const lockout = DEFAULT_PASSWORD_POLICY.lockout;

describe('lockoutDelaySeconds (default: 5 free, 30 s doubling to 1 h)', () => {
  it.each([
    { failures: 0, delay: 0 },
    { failures: 1, delay: 0 },
    { failures: 2, delay: 0 },
    { failures: 3, delay: 0 },
    { failures: 4, delay: 0 },
    { failures: 5, delay: 0 },
    { failures: 6, delay: 30 },
    { failures: 7, delay: 60 },
    { failures: 8, delay: 120 },
    { failures: 9, delay: 240 },
    { failures: 10, delay: 480 },
    { failures: 11, delay: 960 },
    { failures: 12, delay: 1920 },
    { failures: 13, delay: 3600 },
    { failures: 14, delay: 3600 },
    { failures: 99, delay: 3600 },
    { failures: 100, delay: 3600 },
    { failures: 1_000_000, delay: 3600 },
    { failures: Number.MAX_SAFE_INTEGER, delay: 3600 },
  ])('after $failures failures: $delay s', ({ failures, delay }) => {
    const seconds = lockoutDelaySeconds(failures, lockout);
    expect(seconds).toBe(delay);
    expect(Number.isFinite(seconds)).toBe(true);
  });

  it('follows a tenant schedule', () => {
    const custom: LockoutPolicy = { freeFailures: 3, firstDelaySeconds: 10, maxDelaySeconds: 100, disableAfterFailures: 50 };
    expect([3, 4, 5, 6, 7, 8, 2000].map((n) => lockoutDelaySeconds(n, custom))).toEqual([0, 10, 20, 40, 80, 100, 100]);
  });

  it('never exceeds a large maximum through overflow', () => {
    const custom: LockoutPolicy = { freeFailures: 1, firstDelaySeconds: 3600, maxDelaySeconds: 86_400, disableAfterFailures: 100_000 };
    expect(lockoutDelaySeconds(10_000, custom)).toBe(86_400);
  });
});

describe('shouldDisablePassword', () => {
  it.each([
    { failures: 1, disable: false },
    { failures: 98, disable: false },
    { failures: 99, disable: false },
    { failures: 100, disable: true },
    { failures: 101, disable: true },
  ])('after $failures failures: $disable', ({ failures, disable }) => {
    expect(shouldDisablePassword(failures, lockout)).toBe(disable);
  });
});

describe('lockoutWaitsMs: the schedule as data for the stores', () => {
  const policies: LockoutPolicy[] = [
    DEFAULT_PASSWORD_POLICY.lockout,
    { freeFailures: 3, firstDelaySeconds: 10, maxDelaySeconds: 100, disableAfterFailures: 50 },
    { freeFailures: 1, firstDelaySeconds: 3600, maxDelaySeconds: 86_400, disableAfterFailures: 100_000 },
    { freeFailures: 100, firstDelaySeconds: 1, maxDelaySeconds: 86_400, disableAfterFailures: 100_000 },
    { freeFailures: 2, firstDelaySeconds: 7, maxDelaySeconds: 7, disableAfterFailures: 10 },
  ];

  it.each(policies)('agrees with lockoutDelaySeconds for every count (free $freeFailures, first $firstDelaySeconds s, max $maxDelaySeconds s)', (policy) => {
    const waits = lockoutWaitsMs(policy);
    expect(waits.length).toBeLessThanOrEqual(policy.freeFailures + 32);
    for (const failures of [...Array.from({ length: 200 }, (_, i) => i + 1), 10_000, Number.MAX_SAFE_INTEGER]) {
      expect(waitAfterFailures(waits, failures)).toBe(Math.ceil(lockoutDelaySeconds(failures, policy) * 1000));
    }
  });

  it('is the default policy: five free failures, then 30 s doubling to one hour', () => {
    expect(lockoutWaitsMs(DEFAULT_PASSWORD_POLICY.lockout)).toEqual([0, 0, 0, 0, 0, 30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000]);
  });

  it('asks for no wait before the first failure or from an empty schedule', () => {
    expect(waitAfterFailures([0, 5000], 0)).toBe(0);
    expect(waitAfterFailures([], 7)).toBe(0);
  });
});
