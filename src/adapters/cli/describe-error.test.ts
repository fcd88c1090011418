import { describe, expect, it } from 'vitest';
import type { DomainErrorDetail, DomainErrorKind } from '../../core/errors.js';
import type { Violation, ViolationCode } from '../../core/credentials/violation.js';
import { describeError, describeViolation, exitCodeFor } from './describe-error.js';

// A Record over every kind and code: adding one to the core fails to compile here until it has a case.
const DETAILS: Record<DomainErrorKind, DomainErrorDetail> = {
  InvalidCredentials: { kind: 'InvalidCredentials' },
  InvalidCurrentPassword: { kind: 'InvalidCurrentPassword' },
  Unauthenticated: { kind: 'Unauthenticated', reason: 'expired' },
  PasswordChangeRequired: { kind: 'PasswordChangeRequired' },
  ReauthenticationRequired: { kind: 'ReauthenticationRequired', maxAgeSeconds: 300 },
  Forbidden: { kind: 'Forbidden', reason: 'other_tenant' },
  NotFound: { kind: 'NotFound', resource: 'tenant' },
  Conflict: { kind: 'Conflict', field: 'email' },
  PasswordPolicyViolation: { kind: 'PasswordPolicyViolation', violations: [{ code: 'common' }] },
  RequestInvalid: { kind: 'RequestInvalid', errors: [{ pointer: '/displayName', problem: 'too_long', detail: 'must be at most 200 characters' }] },
  RateLimited: { kind: 'RateLimited', retryAfterSeconds: 30 },
  SessionLimitReached: { kind: 'SessionLimitReached', limit: 100 },
  Overloaded: { kind: 'Overloaded', retryAfterSeconds: 1 },
};

const VIOLATIONS: Record<ViolationCode, Violation> = {
  too_short: { code: 'too_short', minLength: 15, actualLength: 9 },
  too_long: { code: 'too_long', maxLength: 128, actualLength: 130 },
  invalid_characters: { code: 'invalid_characters' },
  common: { code: 'common' },
  breached: { code: 'breached' },
  breach_check_unavailable: { code: 'breach_check_unavailable' },
  context: { code: 'context', field: 'displayName', match: 'contains' },
  same_as_current: { code: 'same_as_current' },
  reused: { code: 'reused', historyDepth: 5 },
  too_soon: { code: 'too_soon', minAgeSeconds: 86_400 },
  too_weak: { code: 'too_weak', minScore: 3, score: 1 },
};

describe('describeError', () => {
  it.each(Object.entries(DETAILS))('words %s as one summary line', (_kind, detail) => {
    const [first] = describeError(detail);
    expect(first).toMatch(/^[a-z].*[^.]$/);
  });

  it('lists violations and field errors one per line', () => {
    expect(describeError({ kind: 'PasswordPolicyViolation', violations: [VIOLATIONS.too_short, VIOLATIONS.context] })).toEqual([
      'the password does not meet the policy:',
      '  - is shorter than 15 characters (has 9)',
      '  - contains the display name',
    ]);
    expect(describeError(DETAILS.RequestInvalid)).toEqual(['invalid input:', '  - --display-name: must be at most 200 characters']);
    expect(describeError({ kind: 'RequestInvalid', errors: [{ pointer: '/policy/lockout/freeFailures', problem: 'format', detail: 'x' }] })).toEqual([
      'invalid input:',
      '  - --free-failures: x',
    ]);
  });

  it.each(Object.entries(VIOLATIONS))('words the violation %s', (_code, violation) => {
    expect(describeViolation(violation)).toMatch(/^(is|was|contains|appears|could) /);
  });

  it('treats malformed input as usage (2) and every other refusal as failure (1)', () => {
    for (const detail of Object.values(DETAILS)) expect(exitCodeFor(detail)).toBe(detail.kind === 'RequestInvalid' ? 2 : 1);
  });
});
