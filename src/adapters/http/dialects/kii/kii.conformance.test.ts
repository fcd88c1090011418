import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../../core/ports/clock.js';
import { createMemoryStore } from '../../../../core/testing/memory-store.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, logIn, type TestApp } from '../../../../../test/support/test-app.js';

/**
 * Kii Cloud wire contract (docs/dialects.md, section D): exact status, content type and body for every
 * answer, driven with the headers the official SDK sends (x-kii-appid / x-kii-appkey on every call,
 * `?disable_cache=<ms>` on every URL).
 */

class FakeClock implements Clock {
  constructor(private current = new Date('2026-03-01T09:00:00Z')) {}
  now = () => new Date(this.current);
  advance(seconds: number) {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

const APP = { appId: 'c0ffee01', appKey: 'conformance-app-key', clientId: 'conf-client', clientSecret: 'conformance-client-secret' };
const OTHER_APP = { appId: 'beef0002', appKey: 'other-app-key', clientId: 'other-client', clientSecret: 'other-client-secret-value' };
const MIN_LENGTH = 16;
const PW = 'tangerine orbit quietly folds';
const NEW_PW = 'a completely fresh passphrase';
const APP_HEADERS = { 'x-kii-appid': APP.appId, 'x-kii-appkey': APP.appKey };
const CHANGE_TYPE = 'application/vnd.kii.ChangePasswordRequest+json';
const kiiType = (type: string) => `application/vnd.kii.${type}+json`;

interface Expected {
  status: number;
  /** Exact Content-Type; omitted for an empty 204. */
  contentType?: string;
  /** Exact body (parsed); null for an empty body. */
  body: unknown;
  headers?: Record<string, string>;
}

function expectExactly(response: LightMyRequestResponse, expected: Expected) {
  expect(response.statusCode, response.body).toBe(expected.status);
  if (expected.body === null) expect(response.body).toBe('');
  else expect(response.json()).toEqual(expected.body);
  if (expected.contentType !== undefined) expect(response.headers['content-type']).toBe(expected.contentType);
  expect(response.headers['cache-control']).toBe('no-store');
  for (const [name, value] of Object.entries(expected.headers ?? {})) expect(response.headers[name]).toBe(value);
}

describe('Kii dialect', () => {
  let t: TestApp;
  let clock: FakeClock;
  let adminToken: string;
  let serviceUserId: string;
  let otherAppToken: string;
  let otherAppUserId: string;
  let counter = 0;

  const register = (loginName: string, password = PW, extra: Record<string, unknown> = {}, app = APP) =>
    t.app.inject({
      method: 'POST',
      url: `/api/apps/${app.appId}/users?disable_cache=1`,
      headers: { 'x-kii-appid': app.appId, 'x-kii-appkey': app.appKey, 'content-type': 'application/vnd.kii.RegistrationRequest+json' },
      payload: JSON.stringify({ loginName, password, ...extra }),
    });
  const tokenRequest = (body: Record<string, unknown>, headers: Record<string, string> = APP_HEADERS) =>
    t.app.inject({ method: 'POST', url: `/api/oauth2/token?disable_cache=${Date.now()}`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const logInKii = async (username: string, password = PW) => {
    const response = await tokenRequest({ username, password });
    if (response.statusCode !== 200) throw new Error(`log-in failed: ${response.statusCode} ${response.body}`);
    return (response.json() as { access_token: string }).access_token;
  };
  /** A freshly registered user with a token. */
  const freshUser = async (extra: Record<string, unknown> = {}) => {
    counter += 1;
    const name = `user-${counter}`;
    const created = await register(name, PW, extra);
    if (created.statusCode !== 201) throw new Error(`register failed: ${created.body}`);
    const id = (created.json() as { userID: string }).userID;
    return { name, id, token: await logInKii(name) };
  };
  const change = (userID: string, options: { token?: string | null; body?: string | Record<string, unknown>; contentType?: string; authorization?: string } = {}) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/apps/${APP.appId}/users/${userID}/password?disable_cache=${Date.now()}`,
      headers: {
        ...APP_HEADERS,
        'content-type': options.contentType ?? CHANGE_TYPE,
        ...(options.authorization ? { authorization: options.authorization } : options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body ?? { oldPassword: PW, newPassword: NEW_PW }),
    });

  beforeAll(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock, logLevel: 'warn' });
    const root = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    for (const [id, kii] of [['kii-conf', APP], ['kii-other', OTHER_APP]] as const) {
      const created = await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(root), payload: { id, name: id, policy: { minLength: MIN_LENGTH }, kii } });
      expect(created.statusCode, created.body).toBe(201);
    }
    const admin = await tokenRequest({ client_id: APP.clientId, client_secret: APP.clientSecret });
    expect(admin.statusCode, admin.body).toBe(200);
    ({ access_token: adminToken, id: serviceUserId } = admin.json() as { access_token: string; id: string });
    const otherRegistered = await register('visitor-x', PW, {}, OTHER_APP);
    expect(otherRegistered.statusCode, otherRegistered.body).toBe(201);
    otherAppUserId = (otherRegistered.json() as { userID: string }).userID;
    const otherLogIn = await tokenRequest({ username: 'visitor-x', password: PW }, { 'x-kii-appid': OTHER_APP.appId, 'x-kii-appkey': OTHER_APP.appKey });
    otherAppToken = (otherLogIn.json() as { access_token: string }).access_token;
  }, 60_000);

  afterAll(async () => t.close());

  describe('tenant binding (native API)', () => {
    it('presents the binding without the client secret or its hash', async () => {
      const root = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
      const response = await t.app.inject({ method: 'GET', url: '/v1/tenants/kii-conf', headers: bearer(root) });
      expect(response.json()).toMatchObject({ id: 'kii-conf', kii: { appId: APP.appId, appKey: APP.appKey, clientId: APP.clientId } });
      expect(Object.keys((response.json() as { kii: object }).kii).sort()).toEqual(['appId', 'appKey', 'clientId']);
      expect(response.body).not.toMatch(/clientSecret|serviceUserId|\$argon2/);
      const taken = await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(root), payload: { id: 'kii-dup', name: 'dup', kii: APP } });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ code: 'conflict', field: 'kii_app_id' });
    });
  });

  describe('registration and log-in', () => {
    it('registers with 201, Location and the Kii registration body', async () => {
      const response = await register('reg-alice', PW, { emailAddress: 'alice@example.com', displayName: 'Alice' });
      const body = response.json() as { userID: string; createdAt: number };
      expectExactly(response, {
        status: 201,
        contentType: kiiType('RegistrationResponse'),
        body: { userID: body.userID, loginName: 'reg-alice', emailAddress: 'alice@example.com', emailAddressVerified: false, displayName: 'Alice', _hasPassword: true, _disabled: false, createdAt: clock.now().getTime() },
        headers: { location: `/api/apps/${APP.appId}/users/${body.userID}` },
      });
    });

    it('accepts Basic appID:appKey and application/json for registration', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/apps/${APP.appId}/users`,
        headers: { authorization: `Basic ${Buffer.from(`${APP.appId}:${APP.appKey}`).toString('base64')}`, 'content-type': 'application/json' },
        payload: { loginName: 'reg-basic', password: PW },
      });
      expect(response.statusCode, response.body).toBe(201);
    });

    it.each([
      { name: 'taken login name', loginName: 'reg-alice', password: PW, expected: { status: 409, contentType: kiiType('UserAlreadyExistsException'), body: { errorCode: 'USER_ALREADY_EXISTS', message: 'A user with that loginName already exists', field: 'loginName' } } },
      { name: 'short password', loginName: 'reg-short', password: 'only-12-char', expected: { status: 400, contentType: kiiType('PasswordTooShortException'), body: { errorCode: 'PASSWORD_TOO_SHORT', message: 'Password must be at least 16 characters long.', minimumLength: MIN_LENGTH } } },
      { name: 'reserved login name', loginName: '$kii-app-admin', password: PW, expected: { status: 400, contentType: kiiType('ValidationException'), body: { errorCode: 'INVALID_INPUT_DATA', message: 'There are validation errors', invalidFields: { loginName: 'must not start with "$" (reserved)' } } } },
    ])('refuses a $name', async ({ loginName, password, expected }) => {
      expectExactly(await register(loginName, password), expected);
    });

    it('answers APP_NOT_FOUND for a wrong app key, exactly as for an unknown app', async () => {
      const wrongKey = await t.app.inject({ method: 'POST', url: `/api/apps/${APP.appId}/users`, headers: { 'x-kii-appid': APP.appId, 'x-kii-appkey': 'wrong', 'content-type': 'application/json' }, payload: { loginName: 'x-user', password: PW } });
      expectExactly(wrongKey, { status: 404, contentType: kiiType('AppNotFoundException'), body: { errorCode: 'APP_NOT_FOUND', message: 'The application was not found, or the app key is wrong', appID: APP.appId } });
      const unknown = await t.app.inject({ method: 'POST', url: '/api/apps/nope0000/users', headers: { 'x-kii-appid': 'nope0000', 'x-kii-appkey': 'wrong', 'content-type': 'application/json' }, payload: { loginName: 'x-user', password: PW } });
      expectExactly(unknown, { status: 404, contentType: kiiType('AppNotFoundException'), body: { errorCode: 'APP_NOT_FOUND', message: 'The application was not found, or the app key is wrong', appID: 'nope0000' } });
    });

    it('logs in on both token endpoints with id, access_token, expires_in and token_type', async () => {
      const user = await freshUser();
      const sdkForm = await tokenRequest({ username: user.name, password: PW });
      expectExactly(sdkForm, { status: 200, contentType: 'application/json; charset=utf-8', body: { id: user.id, access_token: expect.any(String), expires_in: 8 * 3600, token_type: 'Bearer' } });
      const restForm = await t.app.inject({
        method: 'POST',
        url: `/api/apps/${APP.appId}/oauth2/token`,
        headers: { authorization: `Basic ${Buffer.from(`${APP.appId}:${APP.appKey}`).toString('base64')}`, 'content-type': 'application/json' },
        payload: { grant_type: 'password', username: user.name, password: PW, expiresAt: clock.now().getTime() + 600_000 },
      });
      expectExactly(restForm, { status: 200, contentType: 'application/json; charset=utf-8', body: { id: user.id, access_token: expect.any(String), expires_in: 600, token_type: 'Bearer' } });
    });

    it('answers a failed log-in with 400 invalid_grant, the same for an unknown user', async () => {
      const user = await freshUser();
      const expected = { status: 400, contentType: 'application/json', body: { errorCode: 'invalid_grant', error: 'invalid_grant', error_description: 'The user was not found or a wrong password was provided' } };
      expectExactly(await tokenRequest({ username: user.name, password: 'not the password at all' }), expected);
      expectExactly(await tokenRequest({ username: 'nobody-here', password: 'not the password at all' }), expected);
      expectExactly(await tokenRequest({ username: '$kii-app-admin', password: 'not the password at all' }), expected);
      expectExactly(await tokenRequest({ client_id: APP.clientId, client_secret: 'not-the-client-secret' }), expected);
    });

    it('refuses a token request without a username as INVALID_INPUT_DATA', async () => {
      expectExactly(await tokenRequest({ password: PW }), { status: 400, contentType: kiiType('ValidationException'), body: { errorCode: 'INVALID_INPUT_DATA', message: 'There are validation errors', invalidFields: { username: 'is required' } } });
    });
  });

  describe('password change', () => {
    const invalid = (invalidFields: Record<string, string>, message = 'There are validation errors'): Expected => ({
      status: 400,
      contentType: kiiType('ValidationException'),
      body: { errorCode: 'INVALID_INPUT_DATA', message, invalidFields },
    });
    type User = { name: string; id: string; token: string };
    const scenarios: { name: string; run: (u: User) => Promise<LightMyRequestResponse>; expected: (u: User) => Expected }[] = [
      { name: 'success with the user id', run: (u) => change(u.id, { token: u.token }), expected: () => ({ status: 204, body: null }) },
      { name: 'success with me and a lower-case bearer', run: (u) => change('me', { authorization: `bearer ${u.token}` }), expected: () => ({ status: 204, body: null }) },
      { name: 'success with LOGIN_NAME and application/json', run: (u) => change(`LOGIN_NAME:${u.name}`, { token: u.token, contentType: 'application/json' }), expected: () => ({ status: 204, body: null }) },
      {
        name: 'wrong old password',
        run: (u) => change(u.id, { token: u.token, body: { oldPassword: 'not the old password', newPassword: NEW_PW } }),
        expected: (u) => ({ status: 401, contentType: kiiType('WrongPasswordException'), body: { errorCode: 'WRONG_PASSWORD', message: 'The provided password is wrong', appID: APP.appId, principalID: u.id, address: u.name } }),
      },
      {
        name: 'new password too short (the tenant minimum)',
        run: (u) => change(u.id, { token: u.token, body: { oldPassword: PW, newPassword: 'fifteen-chars!!' } }),
        expected: () => ({ status: 400, contentType: kiiType('PasswordTooShortException'), body: { errorCode: 'PASSWORD_TOO_SHORT', message: 'Password must be at least 16 characters long.', minimumLength: MIN_LENGTH } }),
      },
      {
        name: 'other policy violation (contains the login name)',
        run: (u) => change(u.id, { token: u.token, body: { oldPassword: PW, newPassword: `${u.name} likes long walks` } }),
        expected: () => invalid({ newPassword: 'Password must not contain the username.' }, 'Password must not contain the username.'),
      },
      { name: 'missing newPassword', run: (u) => change(u.id, { token: u.token, body: { oldPassword: PW } }), expected: () => invalid({ newPassword: 'is required' }) },
      { name: 'missing oldPassword for a user token', run: (u) => change(u.id, { token: u.token, body: { newPassword: NEW_PW } }), expected: () => invalid({ oldPassword: 'is required' }) },
      { name: 'wrong type', run: (u) => change(u.id, { token: u.token, body: { oldPassword: PW, newPassword: 42 } }), expected: () => invalid({ newPassword: 'must be of type string' }) },
      { name: 'unknown field', run: (u) => change(u.id, { token: u.token, body: { oldPassword: PW, newPassword: NEW_PW, hint: 'x' } }), expected: () => invalid({ hint: 'is not a known field' }) },
      { name: 'malformed JSON', run: (u) => change(u.id, { token: u.token, body: '{"oldPassword":' }), expected: () => invalid({ body: 'is not valid JSON' }, 'The request body is not valid JSON') },
      {
        name: 'wrong content type',
        run: (u) => change(u.id, { token: u.token, contentType: 'text/plain' }),
        expected: () => ({ status: 415, contentType: kiiType('UnsupportedMediaTypeException'), body: { errorCode: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json or the application/vnd.kii.<Request>+json type of this API' } }),
      },
      {
        name: "another API's Kii content type",
        run: (u) => change(u.id, { token: u.token, contentType: 'application/vnd.kii.RegistrationRequest+json' }),
        expected: () => ({ status: 415, contentType: kiiType('UnsupportedMediaTypeException'), body: { errorCode: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json or the application/vnd.kii.<Request>+json type of this API' } }),
      },
      {
        name: 'oversize body',
        run: (u) => change(u.id, { token: u.token, body: { oldPassword: PW, newPassword: 'x'.repeat(20_000) } }),
        expected: () => ({ status: 413, contentType: kiiType('RequestEntityTooLargeException'), body: { errorCode: 'REQUEST_ENTITY_TOO_LARGE', message: 'The request body exceeds 16 KiB' } }),
      },
      {
        name: 'no token',
        run: (u) => change(u.id, { token: null }),
        expected: () => ({ status: 401, contentType: kiiType('UnauthorizedAccessException'), body: { errorCode: 'UNAUTHORIZED', message: 'An access token is required: send "Authorization: Bearer <token>"', authenticatedAppID: APP.appId, authenticatedPrincipalID: 'anonymous' } }),
      },
      {
        name: 'unknown token',
        run: (u) => change(u.id, { token: 'not-a-real-token' }),
        expected: () => ({ status: 403, contentType: kiiType('WrongTokenException'), body: { errorCode: 'WRONG_TOKEN', message: 'The provided token is not valid', appID: APP.appId } }),
      },
      {
        name: "another user's token",
        run: async (u) => change(u.id, { token: (await freshUser()).token }),
        expected: () => ({ status: 401, contentType: kiiType('UnauthorizedAccessException'), body: { errorCode: 'UNAUTHORIZED', message: 'The user is not allowed to perform this operation', authenticatedAppID: APP.appId, authenticatedPrincipalID: expect.any(String) } }),
      },
      {
        name: "another application's token",
        run: (u) => change(u.id, { token: otherAppToken }),
        expected: () => ({ status: 401, contentType: kiiType('UnauthorizedAccessException'), body: { errorCode: 'UNAUTHORIZED', message: 'The user is not allowed to perform this operation', authenticatedAppID: null, authenticatedPrincipalID: otherAppUserId } }),
      },
      { name: 'admin token changing a user, without oldPassword', run: (u) => change(u.id, { token: adminToken, body: { newPassword: NEW_PW } }), expected: () => ({ status: 204, body: null }) },
      {
        name: 'admin token naming an unknown user id',
        run: () => change('no-such-user', { token: adminToken, body: { newPassword: NEW_PW } }),
        expected: () => ({ status: 404, contentType: kiiType('UserNotFoundException'), body: { errorCode: 'USER_NOT_FOUND', message: 'The user was not found', field: 'userID', value: 'no-such-user', appID: APP.appId } }),
      },
      {
        name: 'admin token naming an unknown login name',
        run: () => change('LOGIN_NAME:ghost', { token: adminToken, body: { newPassword: NEW_PW } }),
        expected: () => ({ status: 404, contentType: kiiType('UserNotFoundException'), body: { errorCode: 'USER_NOT_FOUND', message: 'The user was not found', field: 'loginName', value: 'ghost', appID: APP.appId } }),
      },
      {
        name: 'admin token naming the hidden admin user',
        run: () => change(serviceUserId, { token: adminToken, body: { newPassword: NEW_PW } }),
        expected: () => ({ status: 404, contentType: kiiType('UserNotFoundException'), body: { errorCode: 'USER_NOT_FOUND', message: 'The user was not found', field: 'userID', value: serviceUserId, appID: APP.appId } }),
      },
      {
        name: 'disabled user',
        run: async (u) => {
          await t.store.users.update('kii-conf', u.id, { status: 'disabled', updatedAt: clock.now() });
          return change(u.id, { token: u.token });
        },
        expected: () => ({ status: 401, contentType: kiiType('UserDisabledException'), body: { errorCode: 'USER_DISABLED', message: 'The user is disabled' } }),
      },
    ];

    it.each(scenarios)('$name', async (scenario) => {
      const user = await freshUser();
      expectExactly(await scenario.run(user), scenario.expected(user));
    });

    it('ignores oldPassword in an admin change and leaves a temporary password by default', async () => {
      const user = await freshUser();
      expect((await change(user.id, { token: adminToken, body: { oldPassword: 'whatever it is', newPassword: NEW_PW } })).statusCode).toBe(204);
      const after = await tokenRequest({ username: user.name, password: NEW_PW });
      expect(after.statusCode).toBe(200);
      expect(await t.ports.credentials.get('kii-conf', user.id)).toMatchObject({ temporary: true });
    });

    it("revokes every token of the user, the caller's included; only the new password logs in", async () => {
      const user = await freshUser();
      const second = await logInKii(user.name);
      expectExactly(await change(user.id, { token: user.token }), { status: 204, body: null });
      const wrongToken = { status: 403, contentType: kiiType('WrongTokenException'), body: { errorCode: 'WRONG_TOKEN', message: 'The provided token is not valid', appID: APP.appId } };
      expectExactly(await change(user.id, { token: user.token, body: { oldPassword: NEW_PW, newPassword: PW } }), wrongToken);
      expectExactly(await change(user.id, { token: second, body: { oldPassword: NEW_PW, newPassword: PW } }), wrongToken);
      expect((await tokenRequest({ username: user.name, password: PW })).statusCode).toBe(400);
      expect((await tokenRequest({ username: user.name, password: NEW_PW })).statusCode).toBe(200);
    });

    describe('without a valid token of the app, the same answer whether or not the app exists', () => {
      const MISSING_APP_ID = 'dead0000';
      const otherAppLogIn = async () => {
        const response = await tokenRequest({ username: 'visitor-x', password: PW }, { 'x-kii-appid': OTHER_APP.appId, 'x-kii-appkey': OTHER_APP.appKey });
        return (response.json() as { access_token: string }).access_token;
      };
      it.each([
        ['no token', async () => ({})],
        ['another scheme', async () => ({ authorization: `Basic ${Buffer.from(`${APP.appId}:${APP.appKey}`).toString('base64')}` })],
        ['an unknown token', async () => ({ authorization: 'Bearer not-a-real-token' })],
        ["another application's token", async () => ({ authorization: `Bearer ${await otherAppLogIn()}` })],
      ] as Array<[string, () => Promise<Record<string, string>>]>)('%s', async (_name, authorization) => {
        const user = await freshUser();
        const headers = await authorization();
        const put = (appId: string) =>
          t.app.inject({
            method: 'PUT',
            url: `/api/apps/${appId}/users/${user.id}/password?disable_cache=${Date.now()}`,
            headers: { 'x-kii-appid': appId, 'x-kii-appkey': APP.appKey, 'content-type': CHANGE_TYPE, ...headers },
            payload: JSON.stringify({ oldPassword: PW, newPassword: NEW_PW }),
          });
        const existing = await put(APP.appId);
        const missing = await put(MISSING_APP_ID);
        expect([401, 403], existing.body).toContain(existing.statusCode);
        expect(missing.statusCode).toBe(existing.statusCode);
        expect(missing.headers['content-type']).toBe(existing.headers['content-type']);
        // The bodies may repeat the app id the caller sent; nothing else differs.
        expect(missing.body.replaceAll(MISSING_APP_ID, APP.appId)).toBe(existing.body);
        expect((await tokenRequest({ username: user.name, password: PW })).statusCode).toBe(200);
      });

      it("reads the store the same way for an unknown token as for another application's live one", async () => {
        const user = await freshUser();
        const reads: string[] = [];
        const sessions = t.ports.sessions;
        const tenants = t.ports.tenants;
        const getWithUser = sessions.getWithUser.bind(sessions);
        const getByKiiAppId = tenants.getByKiiAppId.bind(tenants);
        sessions.getWithUser = (id) => (reads.push('session'), getWithUser(id));
        tenants.getByKiiAppId = (appId) => (reads.push('application'), getByKiiAppId(appId));
        const readsFor = async (authorization: string, appId: string) => {
          reads.length = 0;
          await t.app.inject({
            method: 'PUT',
            url: `/api/apps/${appId}/users/${user.id}/password`,
            headers: { authorization, 'x-kii-appid': appId, 'x-kii-appkey': APP.appKey, 'content-type': CHANGE_TYPE },
            payload: JSON.stringify({ oldPassword: PW, newPassword: NEW_PW }),
          });
          return [...reads].sort();
        };
        try {
          const otherAppToken = `Bearer ${await otherAppLogIn()}`;
          const unknown = await readsFor('Bearer not-a-real-token', APP.appId);
          expect(unknown).toEqual(['application', 'session']);
          expect(await readsFor(otherAppToken, APP.appId)).toEqual(unknown);
          expect(await readsFor(otherAppToken, MISSING_APP_ID)).toEqual(unknown);
          expect(await readsFor('Bearer not-a-real-token', MISSING_APP_ID)).toEqual(unknown);
        } finally {
          sessions.getWithUser = getWithUser;
          tenants.getByKiiAppId = getByKiiAppId;
        }
      });
    });

    it('refuses an expired token with WRONG_TOKEN', async () => {
      const user = await freshUser();
      clock.advance(1801);
      expectExactly(await change(user.id, { token: user.token }), { status: 403, contentType: kiiType('WrongTokenException'), body: { errorCode: 'WRONG_TOKEN', message: 'The provided token is not valid', appID: APP.appId } });
    });

    it('locks the account after repeated wrong old passwords: 429 with Retry-After', async () => {
      const user = await freshUser();
      for (let i = 0; i < 6; i += 1) {
        expect((await change(user.id, { token: user.token, body: { oldPassword: `wrong guess number ${i}`, newPassword: NEW_PW } })).statusCode).toBe(401);
      }
      expectExactly(await change(user.id, { token: user.token }), {
        status: 429,
        contentType: kiiType('TooManyRequestsException'),
        body: { errorCode: 'TOO_MANY_REQUESTS', message: 'Too many attempts; try again later', retryAfterSeconds: 30 },
        headers: { 'retry-after': '30' },
      });
    });

    it("writes audit events with dialect 'kii'", async () => {
      const user = await freshUser();
      await change(user.id, { token: user.token });
      const page = await t.ports.audit.list('kii-conf', { limit: 200 });
      const mine = page.items.filter((event) => event.subjectId === user.id);
      expect(mine.map((event) => [event.type, event.outcome, event.dialect]).reverse()).toEqual([
        ['user.create', 'success', 'kii'],
        ['login', 'success', 'kii'],
        ['password.change', 'success', 'kii'],
        ['sessions.revoke', 'success', 'kii'],
      ]);
    });
  });

  describe('routing', () => {
    it('answers unknown /api routes in Kii shape and leaves the other dialects their own', async () => {
      expectExactly(await t.app.inject({ method: 'GET', url: '/api/apps/x/unknown' }), { status: 404, contentType: kiiType('NotFoundException'), body: { errorCode: 'NOT_FOUND', message: 'No such API' } });
      expect((await t.app.inject({ method: 'GET', url: '/api/ni/unknown' })).json()).toMatchObject({ code: 404 });
    });

    it('documents every Kii route in /openapi.json, tagged kii', async () => {
      const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
      const kii = Object.values(spec.paths).flatMap((methods) => Object.values(methods)).filter((operation) => operation.tags?.includes('kii'));
      expect(kii.map((operation) => operation.operationId).sort()).toEqual(['kiiChangePassword', 'kiiCreateAppToken', 'kiiCreateToken', 'kiiRegisterUser']);
    });
  });
});

describe('Kii dialect: failures of the service', () => {
  it('answers 503 ServiceUnavailableException with Retry-After when hashing is overloaded', async () => {
    const t = await createTestApp({ maxInFlight: 1, maxQueued: 0, logLevel: 'warn' });
    const root = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(root), payload: { id: 'kii-busy', name: 'busy', kii: APP } });
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/oauth2/token', headers: { ...APP_HEADERS, 'content-type': 'application/json' }, payload: { username: `ghost-${i}`, password: 'some password guess' } }),
      ),
    );
    const overloaded = responses.filter((response) => response.statusCode === 503);
    expect(overloaded.length).toBeGreaterThan(0);
    expect(responses.every((response) => response.statusCode === 503 || response.statusCode === 400)).toBe(true);
    expectExactly(overloaded[0] as LightMyRequestResponse, {
      status: 503,
      contentType: kiiType('ServiceUnavailableException'),
      body: { errorCode: 'SERVICE_UNAVAILABLE', message: 'The service is at capacity; try again shortly' },
      headers: { 'retry-after': '1' },
    });
    await t.close();
  }, 30_000);

  it('answers 500 UnexpectedException citing the request id, and nothing internal', async () => {
    const store = createMemoryStore();
    const t = await createTestApp({ store, logLevel: 'fatal' });
    const root = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(root), payload: { id: 'kii-down', name: 'down', kii: APP } });
    store.sessions.getWithUser = async () => {
      throw new Error('database is down: SELECT * FROM sessions');
    };
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/apps/${APP.appId}/users/me/password`,
      headers: { authorization: 'Bearer some-token', 'content-type': CHANGE_TYPE, 'x-request-id': 'req-kii-500' },
      payload: { oldPassword: PW, newPassword: NEW_PW },
    });
    expectExactly(response, { status: 500, contentType: kiiType('UnexpectedException'), body: { errorCode: 'UNEXPECTED_EXCEPTION', message: 'An unexpected error occurred (request id req-kii-500)' } });
    await t.close();
  }, 30_000);
});
