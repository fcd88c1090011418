import type { Ports } from '../../../../core/ports/index.js';
import { DEFAULT_TENANT_ID } from '../../../../core/tenants/tenant.js';
import type { DialectDriver } from '../dialect-driver.js';

/**
 * The Kii application the harness binds the default tenant to, so Kii clients reach the same users
 * as every other dialect (Kii finds its tenant by appID, dialects.md D).
 */
export const KII_APP = { appId: 'c0nf0rm1', appKey: 'conformance-app-key', clientId: 'conformance-client', clientSecret: 'conformance-client-secret' };

/** Binds the default tenant to KII_APP (test set-up; in production a binding is made when the tenant is created). */
export async function bindDefaultTenantToKii(ports: Ports): Promise<void> {
  const tenant = await ports.tenants.get(DEFAULT_TENANT_ID);
  if (!tenant) throw new Error('no default tenant to bind');
  const { appId, appKey, clientId, clientSecret } = KII_APP;
  // No admin client logs in here, so the hidden service user is not created.
  const kii = { appId, appKey, clientId, clientSecretHash: await ports.hasher.hash(clientSecret), serviceUserId: 'no-kii-service-user' };
  await ports.tenants.update({ ...tenant, kii });
}

/** What the official JS SDK sends on every call: the app's id and key, and `?disable_cache=<ms>` [client]. */
const APP_HEADERS = { 'x-kii-appid': KII_APP.appId, 'x-kii-appkey': KII_APP.appKey };
const CHANGE_TYPE = 'application/vnd.kii.ChangePasswordRequest+json';
const bearer = (token: string | null): Record<string, string> => (token === null ? {} : { authorization: `Bearer ${token}` });

/** Kii Cloud (dialects.md, section D). The user changing their own password is named `LOGIN_NAME:<name>` [doc]. */
export const kiiDriver: DialectDriver = {
  name: 'kii',
  auditName: 'kii',
  newPasswordField: 'newPassword',
  async logIn(app, username, password) {
    const response = await app.inject(kiiDriver.authenticate(username, password));
    if (response.statusCode !== 200) throw new Error(`Kii log-in failed for ${username}: ${response.statusCode} ${response.body}`);
    return (response.json() as { access_token: string }).access_token;
  },
  authenticate: (username, password) => ({
    method: 'POST',
    url: '/api/oauth2/token?disable_cache=1772355600000',
    headers: { ...APP_HEADERS, accept: '*/*', 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password }),
  }),
  accepted: (response) => response.statusCode === 200,
  changeOwn: ({ caller, currentPassword, newPassword }) => ({
    method: 'PUT',
    url: `/api/apps/${KII_APP.appId}/users/LOGIN_NAME:${encodeURIComponent(caller.username)}/password?disable_cache=1772355600000`,
    headers: { ...APP_HEADERS, accept: '*/*', 'content-type': CHANGE_TYPE, ...bearer(caller.token) },
    // The SDK always sends oldPassword; a user who never had one can only leave it out.
    body: { ...(currentPassword === null ? {} : { oldPassword: currentPassword }), newPassword },
  }),
  changeOther: ({ admin, target, newPassword }) => ({
    method: 'PUT',
    url: `/api/apps/${KII_APP.appId}/users/${encodeURIComponent(target.id)}/password?disable_cache=1772355600000`,
    headers: { ...APP_HEADERS, accept: '*/*', 'content-type': CHANGE_TYPE, ...bearer(admin.token) },
    body: { newPassword },
  }),
};
