import type { PasswordPolicy } from '../password-policy.js';
import type { Candidate } from '../password-text.js';
import type { Violation } from '../violation.js';

/** Length in code points after NFC within the policy's bounds (NIST SP 800-63B-4 §3.1.1.2). */
export function lengthViolations(candidate: Candidate, policy: PasswordPolicy): Violation[] {
  const violations: Violation[] = [];
  if (candidate.length < policy.minLength) violations.push({ code: 'too_short', minLength: policy.minLength, actualLength: candidate.length });
  if (candidate.length > policy.maxLength) violations.push({ code: 'too_long', maxLength: policy.maxLength, actualLength: candidate.length });
  return violations;
}
