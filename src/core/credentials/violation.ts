/**
 * One failed password rule. Every failing rule is reported at once; parameters let each dialect word
 * its own message. The codes are the native API's violation codes.
 */
export type Violation =
  | { code: 'too_short'; minLength: number; actualLength: number }
  | { code: 'too_long'; maxLength: number; actualLength: number }
  | { code: 'invalid_characters' }
  | { code: 'common' }
  | { code: 'breached' }
  /** The breach corpus could not answer and the deployment fails closed. */
  | { code: 'breach_check_unavailable' }
  /** `contains`: the word appears in the password; `similar`: a near copy (see checks/similarity.ts). */
  | { code: 'context'; field: ContextField; match: 'contains' | 'similar' }
  | { code: 'same_as_current' }
  | { code: 'reused'; historyDepth: number }
  | { code: 'too_soon'; minAgeSeconds: number }
  /** The strength estimate (zxcvbn 0–4) is below the tenant's `minStrengthScore`. */
  | { code: 'too_weak'; minScore: number; score: number };

export type ViolationCode = Violation['code'];

/** Where a context word came from. The word itself is not repeated back. */
export type ContextField = 'username' | 'email' | 'displayName' | 'tenant' | 'product';
