import { assertNever, type DomainErrorDetail, type FieldError } from '../../../../core/errors.js';
import { describeViolation } from '../../violation-messages.js';

/**
 * Unified Assurance's failure envelope: `{"success":false,"message","errors":[{"<Field>":"<message>"},…]}`,
 * one item per failing field, keyed by the request's own field names [doc shape]. Statuses are ours
 * (docs/dialects.md, table C). Errors about no particular field have `errors: []`.
 */
export interface UaWire {
  status: number;
  message: string;
  errors: Record<string, string>[];
  headers?: Record<string, string>;
}

export interface UaFailure {
  success: false;
  message: string;
  errors: Record<string, string>[];
}

export function failureBody(wire: UaWire): UaFailure {
  return { success: false, message: wire.message, errors: wire.errors };
}

const plain = (status: number, message: string, headers?: Record<string, string>): UaWire => ({
  status,
  message,
  errors: [],
  ...(headers ? { headers } : {}),
});

const INVALID_CREDENTIALS_MESSAGE = 'Invalid username or password.';

/** `/NewPassword` → `NewPassword`; the body itself → null (no field to key by). */
function fieldName(pointer: string): string | null {
  if (pointer === '') return null;
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describeFieldError(field: string, error: FieldError): string {
  switch (error.problem) {
    case 'missing':
    case 'too_short':
      // Every string in this dialect's schemas has minLength 1: missing and empty are one condition.
      return `${field} is required.`;
    case 'unknown_field':
      return `${field} is not a known field.`;
    case 'type':
    case 'format':
    case 'too_long':
    case 'malformed':
      return `${field} ${error.detail}.`;
    default:
      return assertNever(error.problem);
  }
}

/** One item per field, in the order reported; a second complaint about the same field is dropped. */
export function fieldItems(errors: FieldError[]): Record<string, string>[] {
  const seen = new Set<string>();
  const items: Record<string, string>[] = [];
  for (const error of errors) {
    const field = fieldName(error.pointer);
    if (field === null || seen.has(field)) continue;
    seen.add(field);
    items.push({ [field]: describeFieldError(field, error) });
  }
  return items;
}

function forbiddenWire(reason: Extract<DomainErrorDetail, { kind: 'Forbidden' }>['reason']): UaWire {
  switch (reason) {
    case 'account_disabled':
      return plain(403, 'This account is disabled.');
    case 'externally_managed':
      return plain(403, "This user's password is managed externally (for example SAML) and cannot be changed here.");
    case 'role':
    case 'other_user':
    case 'other_tenant':
    case 'self':
    case 'last_admin':
      return plain(403, 'You are not allowed to do this.');
    default:
      return assertNever(reason);
  }
}

/** Every domain error kind → the failure envelope. Adding a kind fails to compile until it is mapped here. */
export function toUaWire(detail: DomainErrorDetail): UaWire {
  switch (detail.kind) {
    case 'InvalidCredentials':
    case 'InvalidCurrentPassword':
      // Unknown user and wrong (old) password: one status, one body, the same hashing work.
      return plain(401, INVALID_CREDENTIALS_MESSAGE);
    case 'RateLimited':
      // The contract makes a locked account indistinguishable from a wrong password: same 401, same
      // body. Retry-After is still sent so a client can back off; it reveals nothing about existence,
      // because the core keeps the same failure counter and waits for usernames that do not exist.
      return plain(401, INVALID_CREDENTIALS_MESSAGE, { 'retry-after': String(detail.retryAfterSeconds) });
    case 'Unauthenticated':
      return plain(401, 'Authentication required.');
    case 'PasswordChangeRequired':
      return plain(403, 'The password has expired and must be changed.');
    case 'ReauthenticationRequired':
      return plain(403, `Log in again within ${detail.maxAgeSeconds} seconds before changing the password.`);
    case 'Forbidden':
      return forbiddenWire(detail.reason);
    case 'NotFound':
      return plain(404, 'Not found.');
    case 'Conflict':
      return plain(409, 'A concurrent change was made first; try again.');
    case 'PasswordPolicyViolation':
      return {
        status: 400,
        message: 'The new password does not meet the password policy.',
        errors: detail.violations.map((violation) => ({ NewPassword: describeViolation(violation) })),
      };
    case 'RequestInvalid':
      return {
        status: 400,
        message: detail.errors.some((error) => error.pointer === '') ? 'The request body must be a JSON object.' : 'The request is invalid.',
        errors: fieldItems(detail.errors),
      };
    case 'SessionLimitReached':
      return plain(429, `At most ${detail.limit} live sessions per user; log out elsewhere first.`, { 'retry-after': '60' });
    case 'Overloaded':
      return plain(503, 'The service is at capacity; try again shortly.', { 'retry-after': String(detail.retryAfterSeconds) });
    default:
      return assertNever(detail);
  }
}

export const MALFORMED_BODY = plain(400, 'The request body is not valid JSON.');
export const PAYLOAD_TOO_LARGE = plain(413, 'The request body exceeds 16 KiB.');
export const UNSUPPORTED_MEDIA_TYPE = plain(415, 'Send the request body as application/json.');
export const ROUTE_NOT_FOUND = plain(404, 'No such endpoint.');
export const internalError = (requestId: string) => plain(500, `An unexpected error occurred (request id ${requestId}).`);
