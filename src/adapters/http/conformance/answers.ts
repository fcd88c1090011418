import { apiErrorSingle, onezoneAuthError, onezoneError, problem, uaFailure } from './expected.js';

/** Answers that several scenarios and the cross-dialect tests expect, spelt once. */

export const NATIVE_INVALID_CREDENTIALS = problem(401, 'invalid_credentials', 'Invalid credentials', 'The username or password is incorrect.');
export const NATIVE_INVALID_CURRENT = problem(403, 'invalid_current_password', 'Current password is wrong', 'The current password is incorrect.');
export const NATIVE_UNAUTHENTICATED = problem(401, 'unauthenticated', 'Authentication required', 'A valid session token is required.', {}, { 'www-authenticate': 'Bearer' });
export const NATIVE_LOCKED = problem(429, 'rate_limited', 'Too many attempts', 'Too many attempts; try again later.', {}, { 'retry-after': '30' });

export const VRNI_INVALID_CREDENTIALS = apiErrorSingle(401, 'Invalid username or password.', ['username', 'password']);
export const VRNI_UNAUTHENTICATED = apiErrorSingle(401, 'A valid token is required: send "Authorization: NetworkInsight <token>".', ['Authorization'], {
  'www-authenticate': 'NetworkInsight',
});
export const VRNI_NOT_ADMIN = apiErrorSingle(403, "Only an administrator may change another user's password.", ['username']);
export const VRNI_LOCKED = apiErrorSingle(429, 'Too many attempts; try again later.', ['username'], { 'retry-after': '30' });

export const ONEZONE_NO_CREDENTIALS = onezoneError(401, 'unauthorized', 'You must authenticate yourself to perform this operation.');
export const ONEZONE_BAD_BASIC = onezoneAuthError('badBasicCredentials', 'Invalid username or password.');
export const ONEZONE_BAD_TOKEN = onezoneAuthError('badToken', 'Provided token could not be understood by the server.');
export const ONEZONE_BLOCKED = onezoneAuthError('userBlocked', 'This user account is temporarily blocked after too many failed attempts; retry later.', { 'retry-after': '30' });
export const ONEZONE_MISSING_NEW_PASSWORD = onezoneError(400, 'missingRequiredValue', 'Missing required value: newPassword.', { key: 'newPassword' });

export const UA_INVALID_CREDENTIALS = uaFailure(401, 'Invalid username or password.');
// deviation: dialects.md C says a locked account is "401, indistinguishable from wrong password"; the body
// is identical, but Retry-After is sent, which a wrong password never gets.
export const UA_LOCKED = uaFailure(401, 'Invalid username or password.', [], { 'retry-after': '30' });
