import { assertNever } from '../../core/errors.js';
import type { Violation } from '../../core/credentials/violation.js';

/** The English sentence for each violation, shared by every dialect that shows a message. */
export function describeViolation(violation: Violation): string {
  switch (violation.code) {
    case 'too_short':
      return `Password must be at least ${violation.minLength} characters long.`;
    case 'too_long':
      return `Password must be at most ${violation.maxLength} characters long.`;
    case 'invalid_characters':
      return 'Password must not contain control characters, unpaired surrogates or unassigned code points.';
    case 'common':
      return 'Password is too common.';
    case 'breached':
      return 'Password appears in a known data breach.';
    case 'breach_check_unavailable':
      return 'Password could not be checked against known data breaches right now; try again later.';
    case 'context': {
      const what = { username: 'the username', email: 'the e-mail address', displayName: 'the display name', tenant: 'the organisation name', product: 'the product name' }[violation.field];
      return violation.match === 'similar' ? `Password must not resemble ${what}.` : `Password must not contain ${what}.`;
    }
    case 'same_as_current':
      return 'Password must differ from the current password.';
    case 'reused':
      return `Password must differ from the last ${violation.historyDepth} passwords.`;
    case 'too_soon':
      return 'Password was changed too recently to change again.';
    case 'too_weak':
      return `Password is too easy to guess (strength ${violation.score} of 4, at least ${violation.minScore} required).`;
    default:
      return assertNever(violation);
  }
}
