import type { DialectDriver } from '../dialect-driver.js';
import { nativeDriver } from './native.js';

const URL = '/api/v3/onezone/user/password';
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

/**
 * Onedata Onezone (dialects.md, section B). Its tokens are passwarden session tokens obtained through
 * the native API, presented as `x-auth-token` (the first header the product looks at).
 */
export const onezoneDriver: DialectDriver = {
  name: 'onezone',
  auditName: 'onezone',
  newPasswordField: 'newPassword',
  logIn: (app, username, password) => nativeDriver.logIn(app, username, password),
  // The product has no log-in route: Basic credentials with an empty object authenticate, then fail
  // body validation (400) without changing anything; bad credentials answer 401 first.
  authenticate: (username, password) => ({
    method: 'PATCH',
    url: URL,
    headers: { 'content-type': 'application/json', authorization: basic(username, password) },
    payload: '{}',
  }),
  accepted: (response) => response.statusCode === 400,
  changeOwn: ({ caller, currentPassword, newPassword }) => ({
    method: 'PATCH',
    url: URL,
    headers: { 'content-type': 'application/json', ...(caller.token === null ? {} : { 'x-auth-token': caller.token }) },
    body: { oldPassword: currentPassword, newPassword },
  }),
};
