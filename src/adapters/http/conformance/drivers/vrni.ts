import type { DialectDriver } from '../dialect-driver.js';

/** What the vRNI SDK sends on every call: a JSON content type, and the NetworkInsight header once it holds a token. */
const sdkHeaders = (token: string | null): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json',
  ...(token === null ? {} : { authorization: `NetworkInsight ${token}` }),
});

/** VMware vRealize Network Insight (dialects.md, section A). Local users are named `name@local`. */
export const vrniDriver: DialectDriver = {
  name: 'vrni',
  auditName: 'vrni',
  newPasswordField: 'new_password',
  async logIn(app, username, password) {
    const response = await app.inject(vrniDriver.authenticate(username, password));
    if (response.statusCode !== 200) throw new Error(`vRNI log-in failed for ${username}: ${response.statusCode} ${response.body}`);
    return (response.json() as { token: string }).token;
  },
  authenticate: (username, password) => ({
    method: 'POST',
    url: '/api/ni/auth/token',
    headers: sdkHeaders(null),
    payload: JSON.stringify({ username: `${username}@local`, password, domain: { domain_type: 'LOCAL', value: 'local' } }),
  }),
  accepted: (response) => response.statusCode === 200,
  // No current password exists in this format: a fresh token stands in for it.
  changeOwn: ({ caller, newPassword }) => ({
    method: 'PUT',
    url: '/api/ni/settings/users/password',
    headers: sdkHeaders(caller.token),
    body: { username: `${caller.username}@local`, new_password: newPassword },
  }),
  changeOther: ({ admin, target, newPassword }) => ({
    method: 'PUT',
    url: '/api/ni/settings/users/password',
    headers: sdkHeaders(admin.token),
    body: { username: `${target.username}@local`, new_password: newPassword },
  }),
};
