import type { DialectDriver } from '../dialect-driver.js';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** passwarden's own API (docs: native-api.md). */
export const nativeDriver: DialectDriver = {
  name: 'native',
  auditName: 'native',
  newPasswordField: 'newPassword',
  async logIn(app, username, password) {
    const response = await app.inject(nativeDriver.authenticate(username, password));
    if (response.statusCode !== 201) throw new Error(`native log-in failed for ${username}: ${response.statusCode} ${response.body}`);
    return (response.json() as { token: string }).token;
  },
  authenticate: (username, password) => ({ method: 'POST', url: '/v1/sessions', headers: JSON_HEADERS, payload: JSON.stringify({ username, password }) }),
  accepted: (response) => response.statusCode === 201,
  changeOwn: ({ caller, currentPassword, newPassword }) => ({
    method: 'PUT',
    url: '/v1/me/password',
    headers: { ...JSON_HEADERS, ...(caller.token === null ? {} : { authorization: `Bearer ${caller.token}` }) },
    // The native body has no way to say "none": a user without a password sends an empty string.
    body: { currentPassword: currentPassword ?? '', newPassword },
  }),
  changeOther: ({ admin, target, newPassword }) => ({
    method: 'PUT',
    url: `/v1/users/${encodeURIComponent(target.id)}/password`,
    headers: { ...JSON_HEADERS, ...(admin.token === null ? {} : { authorization: `Bearer ${admin.token}` }) },
    body: { newPassword },
  }),
};
