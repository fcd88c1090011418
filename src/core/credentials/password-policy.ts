import { characterViolations } from './checks/character-check.js';
import { commonViolations } from './checks/common-check.js';
import { contextViolations } from './checks/context-check.js';
import { lengthViolations } from './checks/length-check.js';
import { codePointLength, toCandidate, utf8ByteLength } from './password-text.js';
import type { Violation } from './violation.js';

export { codePointLength, normalisePassword, utf8ByteLength } from './password-text.js';

/**
 * A tenant's password rules. Defaults follow NIST SP 800-63B-4 §3.1.1.2 and OWASP ASVS 5.0 §6.2:
 * length only (no composition rules), a blocklist, context words, no periodic expiry.
 */
export interface PasswordPolicy {
  /** Minimum length in code points after NFC. NIST requires 15 for single-factor use. */
  minLength: number;
  /** Maximum length in code points after NFC; longer input is refused, never truncated. */
  maxLength: number;
  /** Refuse passwords on the common-password list. */
  rejectCommon: boolean;
  /** Refuse passwords containing the username, e-mail local part, display name, tenant or product name. */
  rejectContext: boolean;
  /** Failed attempts (log-in and current-password checks together) before waits begin. */
  lockout: LockoutPolicy;
  /** A password set by an administrator must be changed at the next log-in unless told otherwise. */
  adminSetTemporaryByDefault: boolean;
  /** How recent a password log-in must be to change a password without giving the current one. */
  reauthenticationWindowSeconds: number;
  /** Consult the breach corpus when the deployment has one (PASSWARDEN_BREACH_API_URL or a local corpus). */
  breachCheck: boolean;
  /** Refuse the last N passwords (0: no history kept). Stored as hashes only. */
  historyDepth: number;
  /** A password cannot be changed again (by its owner) before this many seconds, so history cannot be cycled. */
  minAgeSeconds: number;
  /** After this many days a log-in yields a change-only session; null: passwords never expire (NIST default). */
  maxAgeDays: number | null;
  /** Minimum zxcvbn score (0–4) a new password must reach; 0 disables the requirement. Never overrides other rules. */
  minStrengthScore: number;
}

export interface LockoutPolicy {
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** Consecutive failures after which the password is disabled until an administrator sets a new one. */
  disableAfterFailures: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = Object.freeze({
  minLength: 15,
  maxLength: 128,
  rejectCommon: true,
  rejectContext: true,
  lockout: Object.freeze({ freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 3600, disableAfterFailures: 100 }),
  adminSetTemporaryByDefault: true,
  reauthenticationWindowSeconds: 300,
  breachCheck: true,
  historyDepth: 0,
  minAgeSeconds: 0,
  maxAgeDays: null,
  minStrengthScore: 0,
}) as PasswordPolicy;

/** Bounds a tenant's policy must stay within; a policy outside them is refused when set. */
export const POLICY_BOUNDS = Object.freeze({
  minLength: { min: 8, max: 128 },
  maxLength: { min: 64, max: 256 },
  freeFailures: { min: 1, max: 100 },
  firstDelaySeconds: { min: 1, max: 3600 },
  maxDelaySeconds: { min: 1, max: 86_400 },
  disableAfterFailures: { min: 10, max: 100_000 },
  reauthenticationWindowSeconds: { min: 30, max: 86_400 },
  historyDepth: { min: 0, max: 24 },
  minAgeSeconds: { min: 0, max: 30 * 86_400 },
  maxAgeDays: { min: 1, max: 3650 },
  minStrengthScore: { min: 0, max: 4 },
});

/** Bytes of UTF-8 input refused before any normalisation or hashing (security baseline). */
export const MAX_PASSWORD_INPUT_BYTES = 1024;

export interface PasswordContext {
  username?: string | null;
  email?: string | null;
  displayName?: string | null;
  tenantId?: string | null;
  tenantName?: string | null;
  productName?: string | null;
}

export interface PasswordCheckInput {
  /** The candidate exactly as received (normalised here). */
  password: string;
  policy: PasswordPolicy;
  context: PasswordContext;
  /** Membership test against the common-password list; receives the NFC, lower-cased candidate. */
  isCommon: (normalisedLowerCase: string) => boolean;
}

/** Merges a partial policy over a base; nested lockout settings merge field by field. */
export function mergePolicy(base: PasswordPolicy, patch: PartialPolicy | undefined): PasswordPolicy {
  if (!patch) return base;
  return { ...base, ...patch, lockout: { ...base.lockout, ...(patch.lockout ?? {}) } } as PasswordPolicy;
}

export type PartialPolicy = Partial<Omit<PasswordPolicy, 'lockout'>> & { lockout?: Partial<LockoutPolicy> };

/** Problems with a policy itself, as "field: reason" strings; empty when it is acceptable. */
export function validatePolicy(policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  const within = (name: string, value: number, bounds: { min: number; max: number }) => {
    if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
      problems.push(`${name}: must be an integer from ${bounds.min} to ${bounds.max}`);
    }
  };
  within('minLength', policy.minLength, POLICY_BOUNDS.minLength);
  within('maxLength', policy.maxLength, POLICY_BOUNDS.maxLength);
  within('lockout.freeFailures', policy.lockout.freeFailures, POLICY_BOUNDS.freeFailures);
  within('lockout.firstDelaySeconds', policy.lockout.firstDelaySeconds, POLICY_BOUNDS.firstDelaySeconds);
  within('lockout.maxDelaySeconds', policy.lockout.maxDelaySeconds, POLICY_BOUNDS.maxDelaySeconds);
  within('lockout.disableAfterFailures', policy.lockout.disableAfterFailures, POLICY_BOUNDS.disableAfterFailures);
  within('reauthenticationWindowSeconds', policy.reauthenticationWindowSeconds, POLICY_BOUNDS.reauthenticationWindowSeconds);
  within('historyDepth', policy.historyDepth, POLICY_BOUNDS.historyDepth);
  within('minAgeSeconds', policy.minAgeSeconds, POLICY_BOUNDS.minAgeSeconds);
  if (policy.maxAgeDays !== null) within('maxAgeDays', policy.maxAgeDays, POLICY_BOUNDS.maxAgeDays);
  within('minStrengthScore', policy.minStrengthScore, POLICY_BOUNDS.minStrengthScore);
  if (policy.maxAgeDays !== null && policy.minAgeSeconds >= policy.maxAgeDays * 86_400) {
    problems.push('minAgeSeconds: must be shorter than maxAgeDays');
  }
  if (policy.minLength > policy.maxLength) problems.push('minLength: must not exceed maxLength');
  if (policy.lockout.firstDelaySeconds > policy.lockout.maxDelaySeconds) {
    problems.push('lockout.firstDelaySeconds: must not exceed lockout.maxDelaySeconds');
  }
  if (policy.lockout.disableAfterFailures <= policy.lockout.freeFailures) {
    problems.push('lockout.disableAfterFailures: must exceed lockout.freeFailures');
  }
  return problems;
}

/**
 * Every rule the candidate breaks, all at once, in a stable order. Pure: each rule is its own unit in
 * checks/, composed here; the common list is a predicate, and rules that need stored state or I/O
 * (same as current, history, breach corpus, strength) are added by the use case that holds them.
 */
export function evaluatePassword(input: PasswordCheckInput): Violation[] {
  const { policy } = input;
  if (utf8ByteLength(input.password) > MAX_PASSWORD_INPUT_BYTES) {
    // Refused before normalising: the length reported is the raw code-point count.
    return [{ code: 'too_long', maxLength: policy.maxLength, actualLength: codePointLength(input.password) }];
  }
  const candidate = toCandidate(input.password);
  return [
    ...lengthViolations(candidate, policy),
    ...characterViolations(candidate),
    ...commonViolations(candidate, policy, input.isCommon),
    ...contextViolations(candidate, policy, input.context),
  ];
}
