import type { Violation } from '../../core/credentials/violation.js';
import { assertNever, type DomainErrorDetail, type FieldError } from '../../core/errors.js';

/** Short wording for one failed password rule, read after "the password …". */
export function describeViolation(violation: Violation): string {
  switch (violation.code) {
    case 'too_short':
      return `is shorter than ${violation.minLength} characters (has ${violation.actualLength})`;
    case 'too_long':
      return `is longer than ${violation.maxLength} characters (has ${violation.actualLength})`;
    case 'invalid_characters':
      return 'contains control characters, unpaired surrogates or unassigned code points';
    case 'common':
      return 'is on the list of common passwords';
    case 'breached':
      return 'appears in a known data breach';
    case 'breach_check_unavailable':
      return 'could not be checked against known data breaches (the breach corpus did not answer)';
    case 'context': {
      const what = { username: 'username', email: 'e-mail address', displayName: 'display name', tenant: 'tenant name', product: 'product name' }[violation.field];
      return `contains the ${what}`;
    }
    case 'same_as_current':
      return 'is the same as the current password';
    case 'reused':
      return `was one of the last ${violation.historyDepth} passwords`;
    case 'too_soon':
      return `was changed less than ${violation.minAgeSeconds} seconds ago`;
    case 'too_weak':
      return `is too easy to guess (strength ${violation.score} of 4, at least ${violation.minScore} required)`;
    default:
      return assertNever(violation);
  }
}

/** Request fields named as the command line spells them. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  '/username': '<username>',
  '/email': '--email',
  '/displayName': '--display-name',
  '/roles': '--role',
  '/id': '<id>',
  '/name': '--name',
  '/policy/minLength': '--min-length',
  '/policy/maxLength': '--max-length',
  '/policy/historyDepth': '--history-depth',
  '/policy/minAgeSeconds': '--min-age-seconds',
  '/policy/maxAgeDays': '--max-age-days',
  '/policy/minStrengthScore': '--min-strength-score',
  '/policy/reauthenticationWindowSeconds': '--reauthentication-window-seconds',
  '/policy/lockout/freeFailures': '--free-failures',
  '/policy/lockout/firstDelaySeconds': '--first-delay-seconds',
  '/policy/lockout/maxDelaySeconds': '--max-delay-seconds',
  '/policy/lockout/disableAfterFailures': '--disable-after-failures',
  '/kii/appId': '--kii-app-id',
  '/kii/appKey': '--kii-app-key',
  '/kii/clientId': '--kii-client-id',
  '/kii/clientSecret': 'the client secret',
};

function describeField(error: FieldError): string {
  const field = FIELD_NAMES[error.pointer] ?? (error.pointer.replace(/^\//, '').replaceAll('/', '.') || 'input');
  return `${field}: ${error.detail}`;
}

const list = (items: string[]) => items.map((item) => `  - ${item}`);

/**
 * The operator-facing text for everything the core can refuse: a summary line, then one indented
 * line per item where there are several. Exhaustive, so a new kind must be worded here to compile.
 */
export function describeError(detail: DomainErrorDetail): string[] {
  switch (detail.kind) {
    case 'InvalidCredentials':
      return ['invalid username or password'];
    case 'InvalidCurrentPassword':
      return ['the current password is wrong'];
    case 'Unauthenticated':
      return [`not signed in (${detail.reason} session)`];
    case 'PasswordChangeRequired':
      return ['the password must be changed first'];
    case 'ReauthenticationRequired':
      return [`a log-in within the last ${detail.maxAgeSeconds} seconds is required`];
    case 'Forbidden':
      if (detail.reason === 'last_admin') return ['the tenant would have no active administrator left; make another user an administrator first'];
      return [`not allowed (${detail.reason.replaceAll('_', ' ')})`];
    case 'NotFound':
      return [`no such ${detail.resource}`];
    case 'Conflict':
      switch (detail.field) {
        case 'username':
          return ['a user with that username already exists in this tenant'];
        case 'email':
          return ['that e-mail address is already used by another user of this tenant'];
        case 'id':
          return ['a tenant with that id already exists'];
        case 'kii_app_id':
          return ['another tenant is already bound to that Kii application id'];
        case 'concurrent_update':
          return ['changed by someone else at the same moment; try again'];
        default:
          return assertNever(detail.field);
      }
    case 'PasswordPolicyViolation':
      return ['the password does not meet the policy:', ...list(detail.violations.map(describeViolation))];
    case 'RequestInvalid':
      return ['invalid input:', ...list(detail.errors.map(describeField))];
    case 'RateLimited':
      return [`too many attempts; try again in ${detail.retryAfterSeconds} seconds`];
    case 'SessionLimitReached':
      return [`the user already has ${detail.limit} live sessions`];
    case 'Overloaded':
      return [`the service is busy hashing; try again in ${detail.retryAfterSeconds} seconds`];
    default:
      return assertNever(detail);
  }
}

/** Input the core refused as malformed is bad usage (exit 2); every other refusal is a failure (exit 1). */
export function exitCodeFor(detail: DomainErrorDetail): 1 | 2 {
  return detail.kind === 'RequestInvalid' ? 2 : 1;
}
