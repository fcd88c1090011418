import { assertNever, type DomainErrorDetail, type FieldError } from '../../../../core/errors.js';
import { describeViolation } from '../../violation-messages.js';

export type ProblemCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'invalid_current_password'
  | 'password_change_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'validation'
  | 'password_policy'
  | 'rate_limited'
  | 'overloaded'
  | 'internal';

/** Title and status of each problem code, checked by the compiler to cover every code. */
export const PROBLEMS: Record<ProblemCode, { status: number; title: string; explanation: string }> = {
  bad_request: { status: 400, title: 'Bad request', explanation: 'The request path could not be read: it is not valid percent-encoded UTF-8.' },
  unauthenticated: { status: 401, title: 'Authentication required', explanation: 'The request carried no session token, or one that is unknown, expired or revoked. Log in again.' },
  invalid_credentials: { status: 401, title: 'Invalid credentials', explanation: 'The username or password is wrong, or the account cannot log in. The answer is deliberately the same in every case.' },
  invalid_current_password: { status: 403, title: 'Current password is wrong', explanation: 'The current password given with a change did not match. Repeated failures lead to waits.' },
  password_change_required: { status: 403, title: 'Password change required', explanation: 'This session comes from a temporary password. Change the password with PUT /v1/me/password first.' },
  forbidden: { status: 403, title: 'Forbidden', explanation: 'The caller is authenticated but not allowed to do this.' },
  not_found: { status: 404, title: 'Not found', explanation: 'The resource does not exist or is not visible to the caller.' },
  conflict: { status: 409, title: 'Conflict', explanation: 'The username or e-mail is already taken, or a concurrent change won.' },
  payload_too_large: { status: 413, title: 'Payload too large', explanation: 'Request bodies are limited to 16 KiB (1 MiB for the administrators\' bulk import, POST /v1/users:import).' },
  uri_too_long: { status: 414, title: 'URI too long', explanation: 'A path segment is longer than any identifier the API accepts.' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', explanation: 'Send request bodies as application/json.' },
  validation: { status: 422, title: 'Invalid request', explanation: 'The body or query does not match the schema; see errors[] for each field.' },
  password_policy: { status: 422, title: 'Password does not meet the policy', explanation: 'The new password breaks one or more rules; see violations[] for every failing rule.' },
  rate_limited: { status: 429, title: 'Too many attempts', explanation: 'Wait for the number of seconds in Retry-After before trying again.' },
  overloaded: { status: 503, title: 'Service overloaded', explanation: 'Password hashing is at capacity. Retry after the number of seconds in Retry-After.' },
  internal: { status: 500, title: 'Internal error', explanation: 'Something unexpected happened. Quote the requestId when reporting it.' },
};

export interface NativeWire {
  status: number;
  code: ProblemCode;
  detail: string;
  headers?: Record<string, string>;
  extra?: Record<string, unknown>;
}

function fieldErrorsBody(errors: FieldError[]) {
  return { errors: errors.map((error) => ({ pointer: error.pointer, detail: error.detail, problem: error.problem })) };
}

/** Every domain error kind → the native problem. Adding a kind fails to compile until it is mapped here. */
const FORBIDDEN_DETAIL: Partial<Record<Extract<DomainErrorDetail, { kind: 'Forbidden' }>['reason'], string>> = {
  self: 'Administrators cannot disable, demote or delete themselves.',
  last_admin: 'The tenant would be left without an active administrator; make another user an administrator first.',
};

export function toNativeWire(detail: DomainErrorDetail): NativeWire {
  switch (detail.kind) {
    case 'InvalidCredentials':
      return { status: 401, code: 'invalid_credentials', detail: 'The username or password is incorrect.' };
    case 'InvalidCurrentPassword':
      return { status: 403, code: 'invalid_current_password', detail: 'The current password is incorrect.' };
    case 'Unauthenticated':
      return { status: 401, code: 'unauthenticated', detail: 'A valid session token is required.', headers: { 'www-authenticate': 'Bearer' } };
    case 'PasswordChangeRequired':
      return { status: 403, code: 'password_change_required', detail: 'Change the temporary password before doing anything else.' };
    case 'ReauthenticationRequired':
      return { status: 403, code: 'forbidden', detail: `Log in again within ${detail.maxAgeSeconds} seconds before changing the password.` };
    case 'Forbidden':
      return { status: 403, code: 'forbidden', detail: FORBIDDEN_DETAIL[detail.reason] ?? 'You are not allowed to do this.' };
    case 'NotFound':
      return { status: 404, code: 'not_found', detail: `No such ${detail.resource}.` };
    case 'Conflict':
      return {
        status: 409,
        code: 'conflict',
        detail: detail.field === 'concurrent_update' ? 'A concurrent change was made first; read again and retry.' : `That ${detail.field} is already taken.`,
        extra: { field: detail.field },
      };
    case 'PasswordPolicyViolation':
      return {
        status: 422,
        code: 'password_policy',
        detail: 'The password does not meet the policy.',
        extra: { violations: detail.violations.map((violation) => ({ ...violation, message: describeViolation(violation) })) },
      };
    case 'RequestInvalid':
      return { status: 422, code: 'validation', detail: 'The request does not match the schema.', extra: fieldErrorsBody(detail.errors) };
    case 'RateLimited':
      return { status: 429, code: 'rate_limited', detail: 'Too many attempts; try again later.', headers: { 'retry-after': String(detail.retryAfterSeconds) } };
    case 'SessionLimitReached':
      return { status: 429, code: 'rate_limited', detail: `At most ${detail.limit} live sessions per user; log out elsewhere first.`, headers: { 'retry-after': '60' } };
    case 'Overloaded':
      return { status: 503, code: 'overloaded', detail: 'The service is at capacity; try again shortly.', headers: { 'retry-after': String(detail.retryAfterSeconds) } };
    default:
      return assertNever(detail);
  }
}

/** RFC 9457 body. `detail` is always our own sentence: never a password, hash, SQL or stack trace. */
export function problemBody(publicUrl: string, wire: NativeWire, requestId: string): Record<string, unknown> {
  return {
    type: `${publicUrl}/problems/${wire.code}`,
    title: PROBLEMS[wire.code].title,
    status: wire.status,
    code: wire.code,
    detail: wire.detail,
    requestId,
    ...(wire.extra ?? {}),
  };
}
