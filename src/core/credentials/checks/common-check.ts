import type { PasswordPolicy } from '../password-policy.js';
import type { Candidate } from '../password-text.js';
import type { Violation } from '../violation.js';

/** The NFC, lower-cased candidate on the common-password list (a predicate over the loaded list). */
export function commonViolations(candidate: Candidate, policy: PasswordPolicy, isCommon: (lower: string) => boolean): Violation[] {
  return policy.rejectCommon && candidate.lower.length > 0 && isCommon(candidate.lower) ? [{ code: 'common' }] : [];
}
