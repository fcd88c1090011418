import type { DialectDriver } from '../dialect-driver.js';

const CLIENT_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/**
 * Oracle Communications Unified Assurance (dialects.md, section C). The change authenticates by
 * Username + OldPassword in the body and needs no session, so no token is presented.
 */
export const unifiedAssuranceDriver: DialectDriver = {
  name: 'unifiedAssurance',
  auditName: 'ua',
  newPasswordField: 'NewPassword',
  async logIn(app, username, password) {
    const response = await app.inject(unifiedAssuranceDriver.authenticate(username, password));
    const cookie = /^ua_session=([^;]+);/.exec(String(response.headers['set-cookie'] ?? ''));
    if (response.statusCode !== 200 || !cookie?.[1]) throw new Error(`UA log-in failed for ${username}: ${response.statusCode} ${response.body}`);
    return cookie[1];
  },
  authenticate: (username, password) => ({
    method: 'POST',
    url: '/api/core/Login/executeLogin',
    headers: CLIENT_HEADERS,
    payload: JSON.stringify({ Username: username, Password: password }),
  }),
  accepted: (response) => response.statusCode === 200,
  changeOwn: ({ caller, currentPassword, newPassword }) => ({
    method: 'POST',
    url: '/api/core/ChangePassword/executeChangePassword',
    headers: CLIENT_HEADERS,
    // A client with no old password to give leaves the required field empty.
    body: { Username: caller.username, OldPassword: currentPassword ?? '', NewPassword: newPassword, RepeatNewPassword: newPassword },
  }),
};
