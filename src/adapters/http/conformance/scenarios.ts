import type { InjectOptions } from 'fastify';
import { toInject, type Caller, type DialectDriver, type DialectName, type WireRequest } from './dialect-driver.js';
import {
  apiError,
  apiErrorSingle,
  EMPTY,
  JSON_TYPE,
  kiiError,
  onezoneError,
  problem,
  uaFailure,
  VOLATILE,
  type Expected,
  type NotApplicable,
} from './expected.js';
import {
  NATIVE_INVALID_CURRENT,
  NATIVE_LOCKED,
  NATIVE_UNAUTHENTICATED,
  ONEZONE_BAD_BASIC,
  ONEZONE_BAD_TOKEN,
  ONEZONE_BLOCKED,
  ONEZONE_NO_CREDENTIALS,
  UA_INVALID_CREDENTIALS,
  UA_LOCKED,
  VRNI_NOT_ADMIN,
  VRNI_UNAUTHENTICATED,
} from './answers.js';
import { KII_APP } from './drivers/kii.js';
import { NEW_PASSWORD, OLD_PASSWORD, type AppOptions, type FixtureUser, type Harness } from './harness.js';

export interface Act {
  request: InjectOptions;
  /** Whose password the request would change, to what: changed after a 2xx answer, untouched otherwise. */
  subject?: { user: FixtureUser; newPassword: string };
}

export interface Scenario {
  name: string;
  /** Options of the fresh app the scenario runs in. */
  app?: AppOptions;
  act(h: Harness, driver: DialectDriver): Promise<Act>;
  /** Every dialect answers every scenario: the compiler refuses a missing key. */
  expect: Record<DialectName, Expected | NotApplicable>;
}

interface ChangeOwnOptions {
  currentPassword?: string;
  newPassword?: (user: FixtureUser) => string;
  /** How the user's client authenticates; by default it logs in through the driver. */
  caller?: (user: FixtureUser) => Promise<Caller>;
  /** Turns the well-formed request into the one sent. */
  damage?: (request: WireRequest) => InjectOptions;
}

/** A fresh user changes their own password from OLD_PASSWORD, as the dialect's client does. */
async function changeOwn(h: Harness, driver: DialectDriver, options: ChangeOwnOptions = {}): Promise<Act> {
  const user = await h.user();
  const caller = options.caller ? await options.caller(user) : await h.caller(driver, user);
  const newPassword = options.newPassword?.(user) ?? NEW_PASSWORD;
  const wire = driver.changeOwn({ caller, currentPassword: options.currentPassword ?? OLD_PASSWORD, newPassword });
  return { request: (options.damage ?? toInject)(wire), subject: { user, newPassword } };
}

function withBody(wire: WireRequest, change: (body: Record<string, unknown>) => void): InjectOptions {
  const body = { ...wire.body };
  change(body);
  return toInject({ ...wire, body });
}

function changeOther(driver: DialectDriver): NonNullable<DialectDriver['changeOther']> {
  if (!driver.changeOther) throw new Error(`${driver.name} cannot change another user's password, yet the table expects an answer`);
  return driver.changeOther;
}

const NO_TOKEN_HERE: NotApplicable = {
  notApplicable: 'The change authenticates by Username and OldPassword in the body; no token is presented (dialects.md C).',
};
const CALLER_ONLY: NotApplicable = { notApplicable: 'The change always acts on the calling user (dialects.md B).' };
const NO_ADMIN_FORM: NotApplicable = {
  notApplicable: 'The change authenticates as the user whose password changes; there is no administrator form (dialects.md C).',
};

const VRNI_INVALID_BODY = 'The request body is invalid.';
const MALFORMED_DATA = onezoneError(400, 'malformedData', 'Provided data could not be understood by the server.');

const TOO_SHORT = 'Password must be at least 15 characters long.';
const CONTROL = 'Password must not contain control characters, unpaired surrogates or unassigned code points.';
const CONTAINS_USERNAME = 'Password must not contain the username.';

const KII_INVALID = (invalidFields: Record<string, string>, message = 'There are validation errors') =>
  kiiError(400, 'ValidationException', { errorCode: 'INVALID_INPUT_DATA', message, invalidFields });
const KII_WRONG_TOKEN = kiiError(403, 'WrongTokenException', { errorCode: 'WRONG_TOKEN', message: 'The provided token is not valid', appID: KII_APP.appId });

/** A token of the right form that was never issued. */
const NEVER_ISSUED = 'bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtMTIzNDU2Nzg5MA';

export const scenarios: Scenario[] = [
  {
    name: 'success',
    act: (h, d) => changeOwn(h, d),
    expect: {
      kii: EMPTY(204),
      native: { status: 200, headers: { 'content-type': JSON_TYPE }, body: { token: VOLATILE, expiresAt: VOLATILE } },
      vrni: EMPTY(200),
      onezone: EMPTY(204),
      unifiedAssurance: {
        status: 200,
        headers: { 'content-type': JSON_TYPE, 'set-cookie': /^ua_session=[A-Za-z0-9_-]{43,}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict$/ },
        body: {
          success: true,
          message: 'Password changed.',
          data: [
            {
              EmailAddress: '', FullName: 'alice', Locale: 'en_US', PasswordExpiration: 2147483647, PermissionIDs: {}, Permissions: {},
              Preferences: {}, Properties: {}, SamlUser: false, SupportPassword: '', SupportUsername: '', ThemeDir: 'light', TZ: 'UTC',
              UserGroupID: 2, UserID: VOLATILE, Username: 'alice',
            },
          ],
        },
      },
    },
  },
  {
    name: 'wrong current password',
    act: (h, d) => changeOwn(h, d, { currentPassword: 'not the current password at all' }),
    expect: {
      kii: kiiError(401, 'WrongPasswordException', { errorCode: 'WRONG_PASSWORD', message: 'The provided password is wrong', appID: KII_APP.appId, principalID: VOLATILE, address: 'alice' }),
      native: NATIVE_INVALID_CURRENT,
      vrni: { notApplicable: 'No current password exists in this format; a fresh token stands in for it (dialects.md A).' },
      onezone: ONEZONE_BAD_BASIC,
      unifiedAssurance: UA_INVALID_CREDENTIALS,
    },
  },
  {
    name: 'policy violation with several violations',
    // Too short, a control character, and the username: every failing rule is reported at once.
    act: (h, d) => changeOwn(h, d, { newPassword: (user) => `${user.username}\u0007` }),
    expect: {
      kii: kiiError(400, 'PasswordTooShortException', { errorCode: 'PASSWORD_TOO_SHORT', message: `${TOO_SHORT} ${CONTROL} ${CONTAINS_USERNAME}`, minimumLength: 15 }),
      native: problem(422, 'password_policy', 'Password does not meet the policy', 'The password does not meet the policy.', {
        violations: [
          { code: 'too_short', minLength: 15, actualLength: 6, message: TOO_SHORT },
          { code: 'invalid_characters', message: CONTROL },
          { code: 'context', field: 'username', match: 'contains', message: CONTAINS_USERNAME },
        ],
      }),
      vrni: apiError(400, 'The new password does not meet the password policy.', [TOO_SHORT, CONTROL, CONTAINS_USERNAME].map((message) => [message, ['new_password']])),
      onezone: onezoneError(400, 'badValuePassword', `Bad value: ${TOO_SHORT} ${CONTROL} ${CONTAINS_USERNAME}`),
      unifiedAssurance: uaFailure(400, 'The new password does not meet the password policy.', [{ NewPassword: TOO_SHORT }, { NewPassword: CONTROL }, { NewPassword: CONTAINS_USERNAME }]),
    },
  },
  {
    name: 'missing field (the new password)',
    act: (h, d) => changeOwn(h, d, { damage: (wire) => withBody(wire, (body) => delete body[d.newPasswordField]) }),
    expect: {
      kii: KII_INVALID({ newPassword: 'is required' }),
      native: problem(422, 'validation', 'Invalid request', 'The request does not match the schema.', { errors: [{ pointer: '/newPassword', detail: 'is required', problem: 'missing' }] }),
      vrni: apiError(400, VRNI_INVALID_BODY, [['new_password is required.', ['new_password']]]),
      onezone: onezoneError(400, 'missingRequiredValue', 'Missing required value: newPassword.', { key: 'newPassword' }),
      unifiedAssurance: uaFailure(400, 'The request is invalid.', [{ NewPassword: 'NewPassword is required.' }]),
    },
  },
  {
    name: 'wrong type (the new password is a number)',
    act: (h, d) => changeOwn(h, d, { damage: (wire) => withBody(wire, (body) => (body[d.newPasswordField] = 123456789012345)) }),
    expect: {
      kii: KII_INVALID({ newPassword: 'must be of type string' }),
      native: problem(422, 'validation', 'Invalid request', 'The request does not match the schema.', { errors: [{ pointer: '/newPassword', detail: 'must be of type string', problem: 'type' }] }),
      vrni: apiError(400, VRNI_INVALID_BODY, [['new_password must be of type string.', ['new_password']]]),
      onezone: onezoneError(400, 'badValueString', 'Bad value: provided "newPassword" must be a string.', { key: 'newPassword' }),
      unifiedAssurance: uaFailure(400, 'The request is invalid.', [{ NewPassword: 'NewPassword must be of type string.' }]),
    },
  },
  {
    name: 'malformed JSON',
    act: (h, d) => changeOwn(h, d, { damage: (wire) => toInject(wire, { payload: `{"${d.newPasswordField}": ` }) }),
    expect: {
      kii: KII_INVALID({ body: 'is not valid JSON' }, 'The request body is not valid JSON'),
      native: problem(422, 'validation', 'Invalid request', 'The request does not match the schema.', { errors: [{ pointer: '', detail: 'the body is not valid JSON', problem: 'malformed' }] }),
      vrni: apiErrorSingle(400, 'The request body is not valid JSON.', ['body']),
      onezone: MALFORMED_DATA,
      unifiedAssurance: uaFailure(400, 'The request body is not valid JSON.'),
    },
  },
  {
    name: 'wrong content type (text/plain)',
    act: (h, d) => changeOwn(h, d, { damage: (wire) => toInject(wire, { headers: { 'content-type': 'text/plain' } }) }),
    expect: {
      kii: kiiError(415, 'UnsupportedMediaTypeException', { errorCode: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json or the application/vnd.kii.<Request>+json type of this API' }),
      native: problem(415, 'unsupported_media_type', 'Unsupported media type', 'Send the body as application/json.'),
      vrni: apiErrorSingle(415, 'Send the request body as application/json.', ['Content-Type']),
      onezone: EMPTY(415),
      unifiedAssurance: uaFailure(415, 'Send the request body as application/json.'),
    },
  },
  {
    name: 'oversize body (over 16 KiB)',
    act: (h, d) => changeOwn(h, d, { newPassword: () => 'x'.repeat(17 * 1024) }),
    expect: {
      kii: kiiError(413, 'RequestEntityTooLargeException', { errorCode: 'REQUEST_ENTITY_TOO_LARGE', message: 'The request body exceeds 16 KiB' }),
      native: problem(413, 'payload_too_large', 'Payload too large', 'The request body exceeds 16 KiB.'),
      vrni: apiErrorSingle(413, 'The request body exceeds 16 KiB.', ['body']),
      onezone: onezoneError(413, 'badMessage', 'This message could not be understood by the server: the request body exceeds 16 KiB.'),
      unifiedAssurance: uaFailure(413, 'The request body exceeds 16 KiB.'),
    },
  },
  {
    name: 'no credentials',
    act: (h, d) => changeOwn(h, d, { caller: async (user) => ({ username: user.username, token: null }) }),
    expect: {
      kii: kiiError(401, 'UnauthorizedAccessException', { errorCode: 'UNAUTHORIZED', message: 'An access token is required: send "Authorization: Bearer <token>"', authenticatedAppID: KII_APP.appId, authenticatedPrincipalID: 'anonymous' }),
      native: NATIVE_UNAUTHENTICATED,
      vrni: VRNI_UNAUTHENTICATED,
      onezone: ONEZONE_NO_CREDENTIALS,
      unifiedAssurance: NO_TOKEN_HERE,
    },
  },
  {
    name: 'bad token',
    act: (h, d) => changeOwn(h, d, { caller: async (user) => ({ username: user.username, token: NEVER_ISSUED }) }),
    expect: { kii: KII_WRONG_TOKEN, native: NATIVE_UNAUTHENTICATED, vrni: VRNI_UNAUTHENTICATED, onezone: ONEZONE_BAD_TOKEN, unifiedAssurance: NO_TOKEN_HERE },
  },
  {
    name: 'expired token',
    act: (h, d) =>
      changeOwn(h, d, {
        caller: async (user) => {
          const caller = await h.caller(d, user);
          h.advance(8 * 3600 + 1);
          return caller;
        },
      }),
    expect: { kii: KII_WRONG_TOKEN, native: NATIVE_UNAUTHENTICATED, vrni: VRNI_UNAUTHENTICATED, onezone: ONEZONE_BAD_TOKEN, unifiedAssurance: NO_TOKEN_HERE },
  },
  {
    name: "another user's token",
    // The user's client presents the token of another member (whose password differs).
    act: async (h, d) => {
      const other = await h.user({ password: 'marble lantern drifts upstream' });
      const { token } = await h.caller(d, other);
      return changeOwn(h, d, { caller: async (user) => ({ username: user.username, token }) });
    },
    expect: {
      kii: kiiError(401, 'UnauthorizedAccessException', { errorCode: 'UNAUTHORIZED', message: 'The user is not allowed to perform this operation', authenticatedAppID: KII_APP.appId, authenticatedPrincipalID: VOLATILE }),
      // The native route acts on the token's user, whose current password this is not.
      native: NATIVE_INVALID_CURRENT,
      vrni: VRNI_NOT_ADMIN,
      onezone: ONEZONE_BAD_BASIC,
      unifiedAssurance: NO_TOKEN_HERE,
    },
  },
  {
    name: "admin changing another user's password",
    act: async (h, d) => {
      const target = await h.user();
      const wire = changeOther(d)({ admin: await h.admin(d), target, newPassword: NEW_PASSWORD });
      return { request: toInject(wire), subject: { user: target, newPassword: NEW_PASSWORD } };
    },
    expect: { kii: EMPTY(204), native: EMPTY(204), vrni: EMPTY(200), onezone: CALLER_ONLY, unifiedAssurance: NO_ADMIN_FORM },
  },
  {
    name: 'admin naming an unknown user',
    act: async (h, d) => {
      const wire = changeOther(d)({ admin: await h.admin(d), target: { id: 'no-such-user-id', username: 'nobody-here' }, newPassword: NEW_PASSWORD });
      return { request: toInject(wire) };
    },
    expect: {
      kii: kiiError(404, 'UserNotFoundException', { errorCode: 'USER_NOT_FOUND', message: 'The user was not found', field: 'userID', value: 'no-such-user-id', appID: KII_APP.appId }),
      native: problem(404, 'not_found', 'Not found', 'No such user.'),
      vrni: apiErrorSingle(404, 'No such local user.', ['username']),
      onezone: CALLER_ONLY,
      unifiedAssurance: NO_ADMIN_FORM,
    },
  },
  {
    name: 'locked account (the right current password, sent during the wait)',
    // The client logged in before six failed log-ins locked the account.
    act: (h, d) =>
      changeOwn(h, d, {
        caller: async (user) => {
          const caller = await h.caller(d, user);
          await h.lock(user);
          return caller;
        },
      }),
    expect: {
      kii: kiiError(429, 'TooManyRequestsException', { errorCode: 'TOO_MANY_REQUESTS', message: 'Too many attempts; try again later', retryAfterSeconds: 30 }, { 'retry-after': '30' }),
      native: NATIVE_LOCKED,
      // deviation?: the change succeeds during the wait. The proof is a token from a log-in within the last
      // 5 minutes, not a password, so the core checks no lockout. dialects.md says only "lockout is the core's";
      // the SDK's own flow (log in, change) meets the lockout at log-in (429, see cross-dialect.test.ts).
      vrni: EMPTY(200),
      onezone: ONEZONE_BLOCKED,
      // deviation: Retry-After tells a locked account from a wrong password (see UA_LOCKED).
      unifiedAssurance: UA_LOCKED,
    },
  },
  {
    name: 'user without a password',
    // Created without one; a session is issued directly (no dialect can log such a user in).
    act: async (h, d) => {
      const user = await h.user({ password: null });
      const wire = d.changeOwn({ caller: await h.caller(d, user), currentPassword: null, newPassword: NEW_PASSWORD });
      return { request: toInject(wire), subject: { user, newPassword: NEW_PASSWORD } };
    },
    expect: {
      // The SDK always sends oldPassword; without one the self-service change is refused (an administrator sets the first).
      kii: KII_INVALID({ oldPassword: 'is required' }),
      // The native body cannot say "none" (an empty currentPassword is sent); an administrator sets the first password.
      native: NATIVE_INVALID_CURRENT,
      // A fresh token is the whole proof here, so the first password can be set.
      vrni: EMPTY(200),
      onezone: EMPTY(204),
      // The client can only leave OldPassword empty.
      unifiedAssurance: uaFailure(400, 'The request is invalid.', [{ OldPassword: 'OldPassword is required.' }]),
    },
  },
  {
    name: 'hashing overloaded',
    app: { maxInFlight: 1, maxQueued: 0 },
    act: (h, d) =>
      changeOwn(h, d, {
        caller: async (user) => {
          const caller = await h.caller(d, user);
          await h.occupyHashing();
          return caller;
        },
      }),
    expect: {
      kii: kiiError(503, 'ServiceUnavailableException', { errorCode: 'SERVICE_UNAVAILABLE', message: 'The service is at capacity; try again shortly' }, { 'retry-after': '1' }),
      native: problem(503, 'overloaded', 'Service overloaded', 'The service is at capacity; try again shortly.', {}, { 'retry-after': '1' }),
      vrni: apiErrorSingle(503, 'The service is at capacity; try again shortly.', [], { 'retry-after': '1' }),
      onezone: onezoneError(503, 'temporaryFailure', 'Temporary failure - please try again later.', undefined, { 'retry-after': '1' }),
      unifiedAssurance: uaFailure(503, 'The service is at capacity; try again shortly.', [], { 'retry-after': '1' }),
    },
  },
];
