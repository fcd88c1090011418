import { assertNever, type DomainErrorDetail, type FieldError } from '../../../../core/errors.js';
import type { Violation } from '../../../../core/credentials/violation.js';
import { describeViolation } from '../../violation-messages.js';
import type { KiiErrorContext } from './error-context.js';

/**
 * A Kii error: the status, the exception type (sent as `application/vnd.kii.<type>+json`) and the
 * body, which always has `errorCode` and, except for OAuth errors, `message` (docs/dialects.md §D).
 */
export interface KiiWire {
  status: number;
  /** Exception type for the content type; null for OAuth errors, which are plain application/json. */
  type: string | null;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function contentTypeOf(wire: KiiWire): string {
  return wire.type === null ? 'application/json' : `application/vnd.kii.${wire.type}+json`;
}

const wire = (status: number, type: string | null, body: Record<string, unknown>, headers?: Record<string, string>): KiiWire => ({
  status,
  type,
  body,
  ...(headers ? { headers } : {}),
});

/** The body field a pointer names, in Kii's spelling: `/newPassword` → `newPassword`; the root → `body`. */
export function kiiFieldName(error: FieldError, context: KiiErrorContext): string {
  if (error.pointer === '') return 'body';
  return context.fieldNames[error.pointer] ?? error.pointer.slice(1).replaceAll('/', '.');
}

function describeFieldError(error: FieldError): string {
  switch (error.problem) {
    case 'missing':
      return 'is required';
    case 'malformed':
      return 'is not valid JSON';
    case 'unknown_field':
    case 'type':
    case 'format':
    case 'too_long':
    case 'too_short':
      return error.detail;
    default:
      return assertNever(error.problem);
  }
}

/** 400 INVALID_INPUT_DATA (Kii's ValidationException): one entry per refused field. */
export function invalidInput(message: string, invalidFields: Record<string, string>): KiiWire {
  return wire(400, 'ValidationException', { errorCode: 'INVALID_INPUT_DATA', message, invalidFields });
}

function policyWire(violations: Violation[], context: KiiErrorContext): KiiWire {
  const message = violations.map(describeViolation).join(' ');
  const tooShort = violations.find((violation): violation is Extract<Violation, { code: 'too_short' }> => violation.code === 'too_short');
  if (tooShort) {
    return wire(400, 'PasswordTooShortException', { errorCode: 'PASSWORD_TOO_SHORT', message, minimumLength: tooShort.minLength });
  }
  return invalidInput(message, { [context.passwordField]: message });
}

function unauthorized(context: KiiErrorContext, message: string): KiiWire {
  return wire(401, 'UnauthorizedAccessException', {
    errorCode: 'UNAUTHORIZED',
    message,
    authenticatedAppID: context.crossApp ? null : context.appId,
    authenticatedPrincipalID: context.principalId ?? 'anonymous',
  });
}

function unauthenticatedWire(reason: Extract<DomainErrorDetail, { kind: 'Unauthenticated' }>['reason'], context: KiiErrorContext): KiiWire {
  switch (reason) {
    case 'missing':
      return unauthorized(context, 'An access token is required: send "Authorization: Bearer <token>"');
    case 'unknown':
    case 'expired':
      return wire(403, 'WrongTokenException', { errorCode: 'WRONG_TOKEN', message: 'The provided token is not valid', appID: context.appId });
    case 'revoked':
      // The session is live but its user is no longer active: disabled (deleting a user deletes its sessions).
      return wire(401, 'UserDisabledException', { errorCode: 'USER_DISABLED', message: 'The user is disabled' });
    default:
      return assertNever(reason);
  }
}

function forbiddenWire(reason: Extract<DomainErrorDetail, { kind: 'Forbidden' }>['reason'], context: KiiErrorContext): KiiWire {
  switch (reason) {
    case 'other_user':
    case 'role':
    case 'other_tenant':
      return unauthorized(context, 'The user is not allowed to perform this operation');
    case 'account_disabled':
      return wire(401, 'UserDisabledException', { errorCode: 'USER_DISABLED', message: 'The user is disabled' });
    case 'externally_managed':
    case 'self':
    case 'last_admin':
      return wire(409, 'OperationNotAllowedException', { errorCode: 'OPERATION_NOT_ALLOWED', message: 'The password of this user cannot be changed here' });
    default:
      return assertNever(reason);
  }
}

/**
 * Every domain error kind → a Kii error. Adding a kind fails to compile until it is mapped here. The
 * context supplies the ids Kii's bodies name; nothing secret (token, password) ever enters a body.
 */
export function toKiiWire(detail: DomainErrorDetail, context: KiiErrorContext): KiiWire {
  switch (detail.kind) {
    case 'InvalidCredentials':
      // OAuth 2.0 (RFC 6749 §5.2) error shape, as Kii answers a failed log-in: no `message`.
      return wire(400, null, { errorCode: 'invalid_grant', error: 'invalid_grant', error_description: 'The user was not found or a wrong password was provided' });
    case 'InvalidCurrentPassword':
      return wire(401, 'WrongPasswordException', {
        errorCode: 'WRONG_PASSWORD',
        message: 'The provided password is wrong',
        appID: context.appId,
        principalID: context.subject?.userId ?? context.principalId,
        address: context.subject?.address ?? null,
      });
    case 'Unauthenticated':
      return unauthenticatedWire(detail.reason, context);
    case 'PasswordChangeRequired':
      return wire(403, 'PasswordChangeRequiredException', { errorCode: 'PASSWORD_CHANGE_REQUIRED', message: 'This token comes from a temporary password: change the password first' });
    case 'ReauthenticationRequired':
      return unauthorized(context, `Log in again within ${detail.maxAgeSeconds} seconds before changing the password`);
    case 'Forbidden':
      return forbiddenWire(detail.reason, context);
    case 'NotFound':
      if (detail.resource === 'tenant') {
        return wire(404, 'AppNotFoundException', { errorCode: 'APP_NOT_FOUND', message: 'The application was not found, or the app key is wrong', appID: context.appId });
      }
      return wire(404, 'UserNotFoundException', {
        errorCode: 'USER_NOT_FOUND',
        message: 'The user was not found',
        field: context.target?.field ?? 'userID',
        value: context.target?.value ?? null,
        appID: context.appId,
      });
    case 'Conflict':
      switch (detail.field) {
        case 'username':
        case 'email': {
          const field = detail.field === 'username' ? 'loginName' : 'emailAddress';
          return wire(409, 'UserAlreadyExistsException', { errorCode: 'USER_ALREADY_EXISTS', message: `A user with that ${field} already exists`, field });
        }
        case 'id':
        case 'kii_app_id':
        case 'concurrent_update':
          return wire(409, 'ConflictException', { errorCode: 'CONFLICT', message: 'A concurrent change was made first; retry' });
        default:
          return assertNever(detail.field);
      }
    case 'PasswordPolicyViolation':
      return policyWire(detail.violations, context);
    case 'RequestInvalid':
      return invalidInput(
        'There are validation errors',
        Object.fromEntries(detail.errors.map((error) => [kiiFieldName(error, context), describeFieldError(error)])),
      );
    case 'RateLimited':
      return tooManyRequests(detail.retryAfterSeconds);
    case 'SessionLimitReached':
      return tooManyRequests(60, `At most ${detail.limit} live tokens per user; log out elsewhere first`);
    case 'Overloaded':
      return wire(503, 'ServiceUnavailableException', { errorCode: 'SERVICE_UNAVAILABLE', message: 'The service is at capacity; try again shortly' }, { 'retry-after': String(detail.retryAfterSeconds) });
    default:
      return assertNever(detail);
  }
}

/** 429 [ours]: Kii documents no rate-limit body; this follows its exception shape. */
function tooManyRequests(retryAfterSeconds: number, message = 'Too many attempts; try again later'): KiiWire {
  return wire(429, 'TooManyRequestsException', { errorCode: 'TOO_MANY_REQUESTS', message, retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
}

export const MALFORMED_BODY = invalidInput('The request body is not valid JSON', { body: 'is not valid JSON' });
export const PAYLOAD_TOO_LARGE = wire(413, 'RequestEntityTooLargeException', { errorCode: 'REQUEST_ENTITY_TOO_LARGE', message: 'The request body exceeds 16 KiB' });
export const UNSUPPORTED_MEDIA_TYPE = wire(415, 'UnsupportedMediaTypeException', {
  errorCode: 'UNSUPPORTED_MEDIA_TYPE',
  message: 'Send the body as application/json or the application/vnd.kii.<Request>+json type of this API',
});
export const ROUTE_NOT_FOUND = wire(404, 'NotFoundException', { errorCode: 'NOT_FOUND', message: 'No such API' });
export const internalError = (requestId: string) =>
  wire(500, 'UnexpectedException', { errorCode: 'UNEXPECTED_EXCEPTION', message: `An unexpected error occurred (request id ${requestId})` });
