import type { Violation } from './credentials/violation.js';

/**
 * Everything the core can refuse, as data. Each dialect maps every kind to its own wire shape in an
 * exhaustive switch, so adding a kind here fails to compile until every dialect has chosen its answer.
 * The core never picks an HTTP status or user-facing text.
 */
export type DomainErrorDetail =
  /** Log-in failed. Unknown user, wrong password, locked or disabled account: deliberately one answer. */
  | { kind: 'InvalidCredentials' }
  /**
   * The current password given to a change was wrong, or absent while one is set, or given for a user
   * who has none. Counted toward lockout.
   */
  | { kind: 'InvalidCurrentPassword' }
  /** No, unknown, expired or revoked session token. */
  | { kind: 'Unauthenticated'; reason: 'missing' | 'unknown' | 'expired' | 'revoked' }
  /** The session comes from a temporary password and may only change it. */
  | { kind: 'PasswordChangeRequired' }
  /** A change without the current password needs a session from a recent password log-in. */
  | { kind: 'ReauthenticationRequired'; maxAgeSeconds: number }
  /** Authenticated but not allowed. */
  | { kind: 'Forbidden'; reason: 'role' | 'other_user' | 'other_tenant' | 'account_disabled' | 'externally_managed' | 'self' | 'last_admin' }
  | { kind: 'NotFound'; resource: 'user' | 'tenant' }
  | { kind: 'Conflict'; field: 'username' | 'email' | 'id' | 'kii_app_id' | 'concurrent_update' }
  | { kind: 'PasswordPolicyViolation'; violations: Violation[] }
  /** Request shape did not match; produced by dialects from schema failures so it follows the same path. */
  | { kind: 'RequestInvalid'; errors: FieldError[] }
  | { kind: 'RateLimited'; retryAfterSeconds: number }
  /** The user already holds the most live sessions this origin allows. */
  | { kind: 'SessionLimitReached'; limit: number }
  /** The hashing queue is full. */
  | { kind: 'Overloaded'; retryAfterSeconds: number };

export type DomainErrorKind = DomainErrorDetail['kind'];

export interface FieldError {
  /** JSON pointer into the request body, e.g. "/newPassword". */
  pointer: string;
  problem: 'missing' | 'type' | 'format' | 'unknown_field' | 'too_long' | 'too_short' | 'malformed';
  detail: string;
}

export class DomainError extends Error {
  readonly detail: DomainErrorDetail;

  constructor(detail: DomainErrorDetail) {
    super(detail.kind);
    this.name = 'DomainError';
    this.detail = detail;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Exhaustiveness guard for switches over DomainErrorDetail and other unions. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

// Constructors: one per kind, so call sites read as sentences and never share mutable details.
export const invalidCredentials = () => new DomainError({ kind: 'InvalidCredentials' });
export const invalidCurrentPassword = () => new DomainError({ kind: 'InvalidCurrentPassword' });
export const unauthenticated = (reason: 'missing' | 'unknown' | 'expired' | 'revoked') =>
  new DomainError({ kind: 'Unauthenticated', reason });
export const passwordChangeRequired = () => new DomainError({ kind: 'PasswordChangeRequired' });
export const reauthenticationRequired = (maxAgeSeconds: number) =>
  new DomainError({ kind: 'ReauthenticationRequired', maxAgeSeconds });
export const forbidden = (reason: Extract<DomainErrorDetail, { kind: 'Forbidden' }>['reason'] = 'role') =>
  new DomainError({ kind: 'Forbidden', reason });
export const notFound = (resource: 'user' | 'tenant') => new DomainError({ kind: 'NotFound', resource });
export const conflict = (field: 'username' | 'email' | 'id' | 'kii_app_id' | 'concurrent_update') =>
  new DomainError({ kind: 'Conflict', field });
export const passwordPolicyViolation = (violations: Violation[]) =>
  new DomainError({ kind: 'PasswordPolicyViolation', violations });
export const requestInvalid = (errors: FieldError[]) => new DomainError({ kind: 'RequestInvalid', errors });
export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError({ kind: 'RateLimited', retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
export const sessionLimitReached = (limit: number) => new DomainError({ kind: 'SessionLimitReached', limit });
export const overloaded = (retryAfterSeconds: number) =>
  new DomainError({ kind: 'Overloaded', retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
