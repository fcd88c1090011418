import { assertNever, type DomainErrorDetail, type FieldError } from '../../../../core/errors.js';
import { describeViolation } from '../../violation-messages.js';

/** `{"error":{"id","description","details"?}}`: Onedata's error object (ids from onedata-errors). */
export interface OnezoneError {
  id: string;
  description: string;
  details?: Record<string, unknown>;
}

export interface OnezoneWire {
  status: number;
  /** Null: the response has an empty body (415, as the product answers). */
  error: OnezoneError | null;
  headers?: Record<string, string>;
}

/** The 401 wrapper around why presented credentials were refused [doc]. */
function authFailure(authError: OnezoneError, headers?: Record<string, string>): OnezoneWire {
  return {
    status: 401,
    error: { id: 'unauthorized', description: 'Provided authentication is not valid (see details).', details: { authError } },
    ...(headers ? { headers } : {}),
  };
}

export const NO_CREDENTIALS: OnezoneWire = {
  status: 401,
  error: { id: 'unauthorized', description: 'You must authenticate yourself to perform this operation.' },
};
export const BAD_BASIC_CREDENTIALS = authFailure({ id: 'badBasicCredentials', description: 'Invalid username or password.' });
export const BAD_TOKEN = authFailure({ id: 'badToken', description: 'Provided token could not be understood by the server.' });
export const MALFORMED_DATA: OnezoneWire = {
  status: 400,
  error: { id: 'malformedData', description: 'Provided data could not be understood by the server.' },
};
/** The product answers an unsupported content type with 415 and nothing else [doc]. */
export const UNSUPPORTED_MEDIA_TYPE: OnezoneWire = { status: 415, error: null };
/** [ours] The product documents no limit; a real status with Onedata's generic "bad message" id. */
export const PAYLOAD_TOO_LARGE: OnezoneWire = {
  status: 413,
  error: { id: 'badMessage', description: 'This message could not be understood by the server: the request body exceeds 16 KiB.' },
};
export const ROUTE_NOT_FOUND: OnezoneWire = {
  status: 404,
  error: { id: 'notFound', description: 'The requested resource could not be found.' },
};

/** Onedata's internalServerError, citing the request id as its reference. */
export function internalError(requestId: string): OnezoneWire {
  return {
    status: 500,
    error: {
      id: 'internalServerError',
      description: `The server has encountered an error while processing this request. If the problem persists, please contact the site's administrators, citing the following reference: ${requestId}`,
      details: { reference: requestId },
    },
  };
}

const FORBIDDEN: OnezoneWire = { status: 403, error: { id: 'forbidden', description: 'You are not authorized to perform this operation.' } };

/** The body key a field error points at ("/newPassword" → "newPassword"). */
const keyOf = (error: FieldError) => error.pointer.replace(/^\//, '');

/** The product reports one body problem at a time: the first, in the order the route found them. */
function requestInvalidWire(errors: FieldError[]): OnezoneWire {
  const first = errors[0];
  if (!first) return MALFORMED_DATA;
  const key = keyOf(first);
  switch (first.problem) {
    case 'missing':
      return { status: 400, error: { id: 'missingRequiredValue', description: `Missing required value: ${key}.`, details: { key } } };
    case 'type':
      return { status: 400, error: { id: 'badValueString', description: `Bad value: provided "${key}" must be a string.`, details: { key } } };
    case 'unknown_field':
      return { status: 400, error: { id: 'badData', description: `Bad value provided for "${key}": unknown key.`, details: { key, hint: 'unknown key' } } };
    case 'malformed':
    case 'format':
    case 'too_long':
    case 'too_short':
      return MALFORMED_DATA;
    default:
      return assertNever(first.problem);
  }
}

/**
 * Every domain error kind → the Onezone answer. Adding a kind fails to compile until it is mapped.
 * Rows of the contract table are marked [doc]; the rest are [ours], using Onedata's own ids.
 */
export function toOnezoneWire(detail: DomainErrorDetail): OnezoneWire {
  switch (detail.kind) {
    // [doc] bad Basic credentials or unknown user; wrong, missing or unexpected old password.
    case 'InvalidCredentials':
    case 'InvalidCurrentPassword':
      return BAD_BASIC_CREDENTIALS;
    case 'Unauthenticated':
      return detail.reason === 'missing' ? NO_CREDENTIALS : BAD_TOKEN;
    // [doc] user blocked / locked. Also the per-IP limit: both are waits, announced in Retry-After.
    case 'RateLimited':
      return authFailure(
        { id: 'userBlocked', description: 'This user account is temporarily blocked after too many failed attempts; retry later.' },
        { 'retry-after': String(detail.retryAfterSeconds) },
      );
    case 'PasswordPolicyViolation':
      return {
        status: 400,
        // [ours] Every failing rule at once (security baseline), one sentence each after one "Bad value:".
        error: { id: 'badValuePassword', description: `Bad value: ${detail.violations.map(describeViolation).join(' ')}` },
      };
    case 'RequestInvalid':
      return requestInvalidWire(detail.errors);
    case 'Overloaded':
      return {
        status: 503,
        error: { id: 'temporaryFailure', description: 'Temporary failure - please try again later.' },
        headers: { 'retry-after': String(detail.retryAfterSeconds) },
      };
    case 'PasswordChangeRequired':
    case 'Forbidden':
      return FORBIDDEN;
    case 'ReauthenticationRequired':
      return {
        status: 403,
        error: { id: 'forbidden', description: `You are not authorized to perform this operation: log in again within ${detail.maxAgeSeconds} seconds.` },
      };
    case 'NotFound':
      return ROUTE_NOT_FOUND;
    case 'Conflict':
      return detail.field === 'concurrent_update'
        ? { status: 409, error: { id: 'temporaryFailure', description: 'Temporary failure - please try again later.' } }
        : { status: 409, error: { id: 'alreadyExists', description: 'The resource already exists.' } };
    case 'SessionLimitReached':
      return {
        status: 400,
        error: { id: 'limitReached', description: `The limit for live sessions has been reached: ${detail.limit}.`, details: { limit: detail.limit, resourceDescription: 'live sessions' } },
      };
    default:
      return assertNever(detail);
  }
}

/** The response body, or undefined for an empty one. */
export function errorBody(wire: OnezoneWire): { error: OnezoneError } | undefined {
  return wire.error === null ? undefined : { error: wire.error };
}
