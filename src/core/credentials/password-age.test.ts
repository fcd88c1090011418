import { describe, expect, it } from 'vitest';
import { isPasswordExpired, minimumAgeViolation, passwordExpiresAt } from './password-age.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const DAY = 86_400;

describe('passwordExpiresAt / isPasswordExpired', () => {
  it.each([
    { name: 'never by default', maxAgeDays: null, expiredAt: null, expiresAt: null, expiredAtNow: false },
    { name: 'after maxAgeDays', maxAgeDays: 30, expiredAt: null, expiresAt: at(30 * DAY), expiredAtNow: false },
    { name: 'when an administrator expired it', maxAgeDays: null, expiredAt: at(10), expiresAt: at(10), expiredAtNow: true },
    { name: 'the earlier of the two', maxAgeDays: 1, expiredAt: at(5 * DAY), expiresAt: at(DAY), expiredAtNow: false },
  ])('$name', ({ maxAgeDays, expiredAt, expiresAt, expiredAtNow }) => {
    const credential = { changedAt: T0, expiredAt };
    expect(passwordExpiresAt(credential, { maxAgeDays })).toEqual(expiresAt);
    expect(isPasswordExpired(credential, { maxAgeDays }, at(20))).toBe(expiredAtNow);
  });
});

describe('minimumAgeViolation', () => {
  const credential = { changedAt: T0, expiredAt: null, temporary: false };
  const policy = { minAgeSeconds: 60, maxAgeDays: null };

  it.each([
    { name: 'too young', now: at(59), credential, policy, expected: { code: 'too_soon', minAgeSeconds: 60 } },
    { name: 'old enough', now: at(60), credential, policy, expected: null },
    { name: 'no minimum age', now: at(0), credential, policy: { ...policy, minAgeSeconds: 0 }, expected: null },
    { name: 'temporary password', now: at(1), credential: { ...credential, temporary: true }, policy, expected: null },
    { name: 'expired password', now: at(1), credential: { ...credential, expiredAt: at(0) }, policy, expected: null },
    { name: 'no password yet', now: at(1), credential: undefined, policy, expected: null },
  ])('$name', ({ now, credential, policy, expected }) => {
    expect(minimumAgeViolation(credential, policy, now)).toEqual(expected);
  });
});
