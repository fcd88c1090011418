import type { PasswordCredential } from './password-credential.js';
import type { PasswordPolicy } from './password-policy.js';
import type { Violation } from './violation.js';

const DAY_MS = 86_400_000;

/**
 * When the password stops being usable for a full session: the earlier of an administrator's expiry
 * and the end of the tenant's maximum age. Null when it never expires (the NIST default).
 */
export function passwordExpiresAt(credential: Pick<PasswordCredential, 'changedAt' | 'expiredAt'>, policy: Pick<PasswordPolicy, 'maxAgeDays'>): Date | null {
  const aged = policy.maxAgeDays === null ? null : credential.changedAt.getTime() + policy.maxAgeDays * DAY_MS;
  const expired = credential.expiredAt === null ? null : credential.expiredAt.getTime();
  if (aged === null && expired === null) return null;
  return new Date(Math.min(aged ?? Number.POSITIVE_INFINITY, expired ?? Number.POSITIVE_INFINITY));
}

/** Expired by an administrator or past the tenant's maximum age: a log-in yields a change-only session. */
export function isPasswordExpired(credential: Pick<PasswordCredential, 'changedAt' | 'expiredAt'>, policy: Pick<PasswordPolicy, 'maxAgeDays'>, now: Date): boolean {
  const expiresAt = passwordExpiresAt(credential, policy);
  return expiresAt !== null && expiresAt.getTime() <= now.getTime();
}

/**
 * `too_soon` when the owner changes a password younger than the tenant's minimum age, so the history
 * cannot be cycled through. A temporary or expired password may always be replaced.
 */
export function minimumAgeViolation(
  credential: Pick<PasswordCredential, 'changedAt' | 'expiredAt' | 'temporary'> | undefined,
  policy: Pick<PasswordPolicy, 'minAgeSeconds' | 'maxAgeDays'>,
  now: Date,
): Violation | null {
  if (policy.minAgeSeconds <= 0 || credential === undefined || credential.temporary) return null;
  if (isPasswordExpired(credential, policy, now)) return null;
  const ageMs = now.getTime() - credential.changedAt.getTime();
  return ageMs < policy.minAgeSeconds * 1000 ? { code: 'too_soon', minAgeSeconds: policy.minAgeSeconds } : null;
}
