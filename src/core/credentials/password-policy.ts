import { isTooSimilar } from './checks/similarity.js';
import type { ContextField, Violation } from './violation.js';

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

/** Unpaired surrogates, unassigned code points and control characters (space is not a control). */
const INVALID_CHARACTER = /[\p{Cc}\p{Cn}\p{Cs}]/u;

/** Number of Unicode code points (not UTF-16 units). */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

/** UTF-8 byte length without allocating an encoded copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The one normalisation applied to passwords: NFC, nothing else (no trimming, no case folding). */
export function normalisePassword(password: string): string {
  return password.normalize('NFC');
}

/** Context words shorter than this only match when they equal the whole password. */
const MIN_CONTAINED_WORD_LENGTH = 4;

function contextWords(context: PasswordContext): Array<{ field: ContextField; word: string }> {
  const words: Array<{ field: ContextField; word: string }> = [];
  const add = (field: ContextField, value: string | null | undefined) => {
    if (!value) return;
    const word = value.normalize('NFC').toLowerCase().trim();
    if (word.length > 0) words.push({ field, word });
  };
  add('username', context.username);
  if (context.email) {
    const at = context.email.lastIndexOf('@');
    add('email', at > 0 ? context.email.slice(0, at) : context.email);
  }
  if (context.displayName) {
    add('displayName', context.displayName);
    add('displayName', context.displayName.replace(/[\s\p{P}]+/gu, ''));
    for (const part of context.displayName.split(/[\s\p{P}]+/u)) add('displayName', part);
  }
  add('tenant', context.tenantId);
  add('tenant', context.tenantName);
  add('product', context.productName);
  return words;
}

/** Identifiers a person picks from; tenant and product names are only refused when contained. */
const SIMILARITY_FIELDS: ReadonlySet<ContextField> = new Set(['username', 'email', 'displayName']);

function contextMatch(lower: string, field: ContextField, word: string): 'contains' | 'similar' | null {
  const contained = codePointLength(word) >= MIN_CONTAINED_WORD_LENGTH ? lower.includes(word) : lower === word;
  if (contained) return 'contains';
  if (SIMILARITY_FIELDS.has(field) && isTooSimilar(lower, word)) return 'similar';
  return null;
}

/**
 * Every rule the candidate breaks, all at once, in a stable order. Pure: the common list is a
 * predicate and rules that need stored state (same as current, history, breach corpus) are added by
 * the use case that holds that state.
 */
export function evaluatePassword(input: PasswordCheckInput): Violation[] {
  const { policy } = input;
  const violations: Violation[] = [];

  if (utf8ByteLength(input.password) > MAX_PASSWORD_INPUT_BYTES) {
    // Refused before normalising: the length reported is the raw code-point count.
    return [{ code: 'too_long', maxLength: policy.maxLength, actualLength: codePointLength(input.password) }];
  }

  const password = normalisePassword(input.password);
  const length = codePointLength(password);
  if (length < policy.minLength) violations.push({ code: 'too_short', minLength: policy.minLength, actualLength: length });
  if (length > policy.maxLength) violations.push({ code: 'too_long', maxLength: policy.maxLength, actualLength: length });
  if (INVALID_CHARACTER.test(password)) violations.push({ code: 'invalid_characters' });

  const lower = password.toLowerCase();
  if (policy.rejectCommon && lower.length > 0 && input.isCommon(lower)) violations.push({ code: 'common' });

  if (policy.rejectContext && lower.length > 0) {
    const seen = new Set<ContextField>();
    for (const { field, word } of contextWords(input.context)) {
      if (seen.has(field)) continue;
      const match = contextMatch(lower, field, word);
      if (match !== null) {
        seen.add(field);
        violations.push({ code: 'context', field, match });
      }
    }
  }
  return violations;
}
