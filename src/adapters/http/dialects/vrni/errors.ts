import { assertNever, type DomainErrorDetail, type FieldError } from '../../../../core/errors.js';
import { describeViolation } from '../../violation-messages.js';

/**
 * vRNI's ApiError: `{"code","message","details":[{"code","message","target":[…]}]}` on every error,
 * 401 included. `code` is the HTTP status, at the top and in each detail [ours]. `details` always has at
 * least one entry; `target` names the request field (or header) concerned, and is empty when none is.
 */
export interface VrniWire {
  status: number;
  message: string;
  details: { message: string; target: string[] }[];
  headers?: Record<string, string>;
}

export interface ApiError {
  code: number;
  message: string;
  details: { code: number; message: string; target: string[] }[];
}

export function apiErrorBody(wire: VrniWire): ApiError {
  return {
    code: wire.status,
    message: wire.message,
    details: wire.details.map((detail) => ({ code: wire.status, message: detail.message, target: detail.target })),
  };
}

const single = (status: number, message: string, target: string[], headers?: Record<string, string>): VrniWire => ({
  status,
  message,
  details: [{ message, target }],
  ...(headers ? { headers } : {}),
});

/** `/new_password` → `new_password`; `/domain/domain_type` → `domain.domain_type`; the root → `body`. */
export function fieldName(pointer: string): string {
  if (pointer === '') return 'body';
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function describeFieldError(error: FieldError): string {
  const field = fieldName(error.pointer);
  switch (error.problem) {
    case 'missing':
      return `${field} is required.`;
    case 'too_short':
      // Every string in this dialect's schemas has minLength 1: too short means empty.
      return `${field} must not be empty.`;
    case 'unknown_field':
      return `${field} is not a known field.`;
    case 'malformed':
      return 'The request body is not valid JSON.';
    case 'type':
    case 'format':
    case 'too_long':
      return `${field} ${error.detail}.`;
    default:
      return assertNever(error.problem);
  }
}

function forbiddenWire(reason: Extract<DomainErrorDetail, { kind: 'Forbidden' }>['reason']): VrniWire {
  switch (reason) {
    case 'other_user':
    case 'role':
      return single(403, "Only an administrator may change another user's password.", ['username']);
    case 'account_disabled':
      return single(403, 'The account is disabled.', ['username']);
    case 'externally_managed':
      return single(403, "This user's password is managed elsewhere and cannot be changed here.", ['username']);
    case 'other_tenant':
    case 'self':
    case 'last_admin':
      return single(403, 'You are not allowed to do this.', []);
    default:
      return assertNever(reason);
  }
}

export const UNAUTHENTICATED_HEADERS = { 'www-authenticate': 'NetworkInsight' };

/** Every domain error kind → an ApiError. Adding a kind fails to compile until it is mapped here. */
export function toVrniWire(detail: DomainErrorDetail): VrniWire {
  switch (detail.kind) {
    case 'InvalidCredentials':
      return single(401, 'Invalid username or password.', ['username', 'password']);
    case 'InvalidCurrentPassword':
      // This format sends no current password, so the core never raises it here; answered for completeness.
      return single(403, 'The current password is incorrect.', ['password']);
    case 'Unauthenticated':
      return single(401, 'A valid token is required: send "Authorization: NetworkInsight <token>".', ['Authorization'], UNAUTHENTICATED_HEADERS);
    case 'PasswordChangeRequired':
      return single(403, 'This token comes from a temporary password: change your own password first.', ['username']);
    case 'ReauthenticationRequired':
      return single(403, `Changing your own password needs a token obtained within the last ${detail.maxAgeSeconds} seconds; log in again.`, ['Authorization']);
    case 'Forbidden':
      return forbiddenWire(detail.reason);
    case 'NotFound':
      return detail.resource === 'user' ? single(404, 'No such local user.', ['username']) : single(404, 'Not found.', []);
    case 'Conflict':
      return single(409, detail.field === 'concurrent_update' ? 'A concurrent change was made first; retry.' : `That ${detail.field} is already taken.`, detail.field === 'concurrent_update' ? [] : [detail.field]);
    case 'PasswordPolicyViolation':
      return {
        status: 400,
        message: 'The new password does not meet the password policy.',
        details: detail.violations.map((violation) => ({ message: describeViolation(violation), target: ['new_password'] })),
      };
    case 'RequestInvalid':
      return {
        status: 400,
        message: 'The request body is invalid.',
        details: detail.errors.map((error) => ({ message: describeFieldError(error), target: [fieldName(error.pointer)] })),
      };
    case 'RateLimited':
      return single(429, 'Too many attempts; try again later.', ['username'], { 'retry-after': String(detail.retryAfterSeconds) });
    case 'SessionLimitReached':
      // The product documents at most 100 live tokens per user and 401 beyond that.
      return single(401, `At most ${detail.limit} live tokens per user; log out elsewhere first.`, ['username']);
    case 'Overloaded':
      return single(503, 'The service is at capacity; try again shortly.', [], { 'retry-after': String(detail.retryAfterSeconds) });
    default:
      return assertNever(detail);
  }
}

export const MALFORMED_BODY = single(400, 'The request body is not valid JSON.', ['body']);
export const PAYLOAD_TOO_LARGE = single(413, 'The request body exceeds 16 KiB.', ['body']);
export const UNSUPPORTED_MEDIA_TYPE = single(415, 'Send the request body as application/json.', ['Content-Type']);
export const ROUTE_NOT_FOUND = single(404, 'No such API.', []);
export const internalError = (requestId: string) => single(500, `An unexpected error occurred (request id ${requestId}).`, []);
