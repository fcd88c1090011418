import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../../core/ports/clock.js';
import { pino } from 'pino';
import { buildApp } from '../../build-app.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, createUserVia, logIn, type TestApp } from '../../../../../test/support/test-app.js';

/**
 * Unified Assurance wire contract (docs/dialects.md, section C), driven with the requests the
 * product's REST clients send: JSON bodies with `Content-Type: application/json`, no session needed
 * for the change (the expired-password flow).
 */

class FakeClock implements Clock {
  constructor(private current = new Date('2026-03-01T09:00:00Z')) {}
  now = () => new Date(this.current);
  advance(seconds: number) {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

const ALICE_PW = 'tangerine orbit quietly folds';
const BOB_PW = 'marble lantern drifts upstream';
const NEW_PW = 'a completely fresh passphrase';
const JSON_TYPE = 'application/json; charset=utf-8';
const CLIENT_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
const EIGHT_HOURS = 8 * 3600;

const failure = (message: string, errors: Array<Record<string, string>> = []) => ({ success: false, message, errors });
const INVALID_CREDENTIALS = failure('Invalid username or password.');
const INVALID_REQUEST = 'The request is invalid.';

/** Independent statement of the documented UserID derivation: SHA-256 of the user id, first 4 bytes, top bit cleared. */
const expectedUserId = (id: string) => createHash('sha256').update(id).digest().readUInt32BE(0) & 0x7fffffff || 1;

function expectFailure(response: LightMyRequestResponse, status: number, body: unknown) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe(JSON_TYPE);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['set-cookie']).toBeUndefined();
  expect(response.json()).toEqual(body);
}

/** The session token from `Set-Cookie`, after checking every attribute. */
function sessionFromCookie(response: LightMyRequestResponse, { secure }: { secure: boolean }): string {
  const cookie = response.headers['set-cookie'];
  expect(typeof cookie).toBe('string');
  const match = /^ua_session=([A-Za-z0-9_-]{43,}); Path=\/; Max-Age=(\d+); HttpOnly; SameSite=Strict(; Secure)?$/.exec(String(cookie));
  expect(match, String(cookie)).not.toBeNull();
  expect(Number(match?.[2])).toBe(EIGHT_HOURS);
  expect(match?.[3] !== undefined).toBe(secure);
  return match?.[1] ?? '';
}

describe('Unified Assurance dialect', () => {
  let t: TestApp;
  let clock: FakeClock;
  let adminNative: string;
  let aliceId: string;
  let bobId: string;

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/core${url}`, headers: { ...CLIENT_HEADERS, ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
  const login = (Username: string, Password: string) => post('/Login/executeLogin', { Username, Password });
  const change = (body: unknown, headers: Record<string, string> = {}) => post('/ChangePassword/executeChangePassword', body, headers);
  const changeBody = (Username: string, OldPassword: string, NewPassword = NEW_PW, RepeatNewPassword = NewPassword) => ({ Username, OldPassword, NewPassword, RepeatNewPassword });
  const nativeLogIn = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username, password } });
  const auditOf = async (userId: string) => {
    const response = await t.app.inject({ url: `/v1/audit-events?userId=${userId}&limit=200`, headers: bearer(adminNative) });
    return (response.json() as { items: Array<{ type: string; outcome: string; dialect: string; reason: string | null }> }).items;
  };
  const aliceInfo = (PasswordExpiration = 2147483647) => ({
    EmailAddress: 'alice@example.com',
    FullName: 'Alice Liddell',
    Locale: 'en_US',
    PasswordExpiration,
    PermissionIDs: {},
    Permissions: {},
    Preferences: {},
    Properties: {},
    SamlUser: false,
    SupportPassword: '',
    SupportUsername: '',
    ThemeDir: 'light',
    TZ: 'UTC',
    UserGroupID: 2,
    UserID: expectedUserId(aliceId),
    Username: 'alice',
  });

  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock });
    adminNative = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    aliceId = (await createUserVia(t.app, adminNative, { username: 'alice', password: ALICE_PW, email: 'alice@example.com', displayName: 'Alice Liddell' })).id;
    bobId = (await createUserVia(t.app, adminNative, { username: 'bob', password: BOB_PW })).id;
  });
  afterEach(async () => t.close());

  describe('POST /Login/executeLogin', () => {
    it('answers the success envelope with SessionInfoRead and an HttpOnly, SameSite=Strict session cookie', async () => {
      const response = await login('alice', ALICE_PW);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe(JSON_TYPE);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.json()).toEqual({ success: true, message: 'Logged in.', data: [aliceInfo()] });
      const session = sessionFromCookie(response, { secure: false });
      expect((await t.app.inject({ url: '/v1/me', headers: bearer(session) })).json()).toMatchObject({ username: 'alice' });
      expect(await auditOf(aliceId)).toContainEqual(expect.objectContaining({ type: 'login', outcome: 'success', dialect: 'ua' }));
    });

    it('maps roles to UserGroupID and derives a stable UserID', async () => {
      const admin = (await login(ADMIN_USERNAME, ADMIN_PASSWORD)).json() as { data: Array<{ UserGroupID: number; UserID: number; FullName: string; EmailAddress: string }> };
      const bob = (await login('bob', BOB_PW)).json() as { data: Array<{ UserGroupID: number; UserID: number; FullName: string; EmailAddress: string }> };
      expect(admin.data[0]?.UserGroupID).toBe(1);
      expect(bob.data[0]).toMatchObject({ UserGroupID: 2, UserID: expectedUserId(bobId), FullName: 'bob', EmailAddress: '' });
      expect(((await login('bob', BOB_PW)).json() as typeof bob).data[0]?.UserID).toBe(expectedUserId(bobId));
    });

    it.each([
      ['a wrong password', { Username: 'alice', Password: 'not the right passphrase' }, 401, INVALID_CREDENTIALS],
      ['an unknown user (same answer)', { Username: 'ghost', Password: 'not the right passphrase' }, 401, INVALID_CREDENTIALS],
      ['a missing Password', { Username: 'alice' }, 400, failure(INVALID_REQUEST, [{ Password: 'Password is required.' }])],
      ['an empty Username', { Username: '', Password: ALICE_PW }, 400, failure(INVALID_REQUEST, [{ Username: 'Username is required.' }])],
    ])('refuses %s', async (_name, body, status, expected) => {
      expectFailure(await post('/Login/executeLogin', body), status, expected);
    });

    it('sets a Secure cookie when the service is published over https', async () => {
      const app = await buildApp({ ports: t.ports, logger: pino({ level: 'silent' }), publicUrl: 'https://passwarden.example', ready: async () => {}, trustProxy: false });
      try {
        const response = await app.inject({ method: 'POST', url: '/api/core/Login/executeLogin', headers: CLIENT_HEADERS, payload: JSON.stringify({ Username: 'alice', Password: ALICE_PW }) });
        expect(response.statusCode).toBe(200);
        sessionFromCookie(response, { secure: true });
      } finally {
        await app.close();
      }
    });
  });

  describe('POST /ChangePassword/executeChangePassword', () => {
    it('changes the password without a session, logs the user in with a fresh cookie and revokes older sessions', async () => {
      const older = await logIn(t.app, 'alice', ALICE_PW);
      const response = await change(changeBody('alice', ALICE_PW));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe(JSON_TYPE);
      expect(response.json()).toEqual({ success: true, message: 'Password changed.', data: [aliceInfo()] });
      const fresh = sessionFromCookie(response, { secure: false });
      expect((await t.app.inject({ url: '/v1/me', headers: bearer(fresh) })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/v1/me', headers: bearer(older) })).statusCode).toBe(401);
      expect((await nativeLogIn('alice', NEW_PW)).statusCode).toBe(201);
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(401);
      const events = await auditOf(aliceId);
      expect(events).toContainEqual(expect.objectContaining({ type: 'password.change', outcome: 'success', dialect: 'ua' }));
      expect(events).toContainEqual(expect.objectContaining({ type: 'sessions.revoke', outcome: 'success', dialect: 'ua' }));
    });

    it('ignores a session cookie or Basic header sent along', async () => {
      const response = await change(changeBody('alice', ALICE_PW), { cookie: 'ua_session=whatever', authorization: `Basic ${Buffer.from('bob:x').toString('base64')}` });
      expect(response.statusCode, response.body).toBe(200);
      expect((await nativeLogIn('alice', NEW_PW)).statusCode).toBe(201);
      expect((await nativeLogIn('bob', BOB_PW)).statusCode).toBe(201);
    });

    it('serves the expired-password flow: a temporary password logs in as expired and is changed here', async () => {
      expect((await t.app.inject({ method: 'PUT', url: `/v1/users/${aliceId}/password`, headers: bearer(adminNative), payload: { newPassword: 'temporary sunrise harbour' } })).statusCode).toBe(204);
      const expired = await login('alice', 'temporary sunrise harbour');
      expect(expired.statusCode).toBe(200);
      expect(expired.json()).toEqual({ success: true, message: 'Logged in.', data: [aliceInfo(Math.floor(clock.now().getTime() / 1000))] });
      const response = await change(changeBody('alice', 'temporary sunrise harbour'));
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ success: true, message: 'Password changed.', data: [aliceInfo()] });
      expect((await nativeLogIn('alice', NEW_PW)).json()).toMatchObject({ passwordChangeRequired: false });
    });

    it.each([
      ['every field missing', {}, [{ Username: 'Username is required.' }, { OldPassword: 'OldPassword is required.' }, { NewPassword: 'NewPassword is required.' }, { RepeatNewPassword: 'RepeatNewPassword is required.' }]],
      ['OldPassword missing', { Username: 'alice', NewPassword: NEW_PW, RepeatNewPassword: NEW_PW }, [{ OldPassword: 'OldPassword is required.' }]],
      ['empty OldPassword and RepeatNewPassword', changeBody('alice', '', NEW_PW, ''), [{ OldPassword: 'OldPassword is required.' }, { RepeatNewPassword: 'RepeatNewPassword is required.' }]],
      ['a non-string NewPassword', { ...changeBody('alice', ALICE_PW), NewPassword: 42 }, [{ NewPassword: 'NewPassword must be of type string.' }]],
      ['a null Username', { ...changeBody('alice', ALICE_PW), Username: null }, [{ Username: 'Username must be of type string.' }]],
      ['RepeatNewPassword different from NewPassword', changeBody('alice', ALICE_PW, NEW_PW, `${NEW_PW}!`), [{ RepeatNewPassword: 'RepeatNewPassword does not match NewPassword.' }]],
      ['an unknown field', { ...changeBody('alice', ALICE_PW), UserID: 1 }, [{ UserID: 'UserID is not a known field.' }]],
    ] as Array<[string, unknown, Array<Record<string, string>>]>)('answers 400 keyed by field for %s', async (_name, body, errors) => {
      expectFailure(await change(body), 400, failure(INVALID_REQUEST, errors));
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(201);
    });

    it('reports every policy violation keyed NewPassword, including same-as-old', async () => {
      const policy = 'The new password does not meet the password policy.';
      expectFailure(await change(changeBody('alice', ALICE_PW, 'password')), 400, failure(policy, [
        { NewPassword: 'Password must be at least 15 characters long.' },
        { NewPassword: 'Password is too common.' },
      ]));
      expectFailure(await change(changeBody('alice', ALICE_PW, 'alice\u0007')), 400, failure(policy, [
        { NewPassword: 'Password must be at least 15 characters long.' },
        { NewPassword: 'Password must not contain control characters, unpaired surrogates or unassigned code points.' },
        { NewPassword: 'Password must not contain the username.' },
      ]));
      // Judged against the stored profile once authenticated: the e-mail's local part and display name.
      expectFailure(await change(changeBody('alice', ALICE_PW, 'liddell family orchard walk')), 400, failure(policy, [{ NewPassword: 'Password must not contain the display name.' }]));
      expectFailure(await change(changeBody('alice', ALICE_PW, ALICE_PW)), 400, failure(policy, [{ NewPassword: 'Password must differ from the current password.' }]));
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(201);
    });

    it('gives an unknown user and a wrong old password the same status, headers and body', async () => {
      const wrong = await change(changeBody('alice', 'not the right passphrase'));
      const unknown = await change(changeBody('ghost', 'not the right passphrase'));
      expectFailure(wrong, 401, INVALID_CREDENTIALS);
      expectFailure(unknown, 401, INVALID_CREDENTIALS);
      expect(unknown.body).toBe(wrong.body);
      const comparable = (response: LightMyRequestResponse) => {
        const { date: _date, 'x-request-id': _id, ...rest } = response.headers;
        return rest;
      };
      expect(comparable(unknown)).toEqual(comparable(wrong));
      expect(await auditOf(aliceId)).toContainEqual(expect.objectContaining({ type: 'password.change', outcome: 'failure', dialect: 'ua', reason: 'wrong_password' }));
    });

    it('answers a locked account like a wrong password (401, same body) plus Retry-After, for unknown users too', async () => {
      for (const username of ['alice', 'ghost']) {
        for (let i = 0; i < 6; i += 1) {
          const response = await change(changeBody(username, 'not the right passphrase'));
          expectFailure(response, 401, INVALID_CREDENTIALS);
          expect(response.headers['retry-after']).toBeUndefined();
        }
        const locked = await change(changeBody(username, username === 'alice' ? ALICE_PW : 'not the right passphrase'));
        expectFailure(locked, 401, INVALID_CREDENTIALS);
        expect(locked.headers['retry-after']).toBe('30');
      }
      clock.advance(30);
      expect((await change(changeBody('alice', ALICE_PW))).statusCode).toBe(200);
    });

    it('answers a disabled account exactly like a wrong password, even with the right old password', async () => {
      // docs/dialects.md table C lists 403 for a disabled account; the core deliberately answers
      // InvalidCredentials instead (security baseline: disabled is indistinguishable), so this is 401.
      expect((await t.app.inject({ method: 'PATCH', url: `/v1/users/${bobId}`, headers: bearer(adminNative), payload: { status: 'disabled' } })).statusCode).toBe(200);
      expectFailure(await change(changeBody('bob', BOB_PW)), 401, INVALID_CREDENTIALS);
      expectFailure(await change(changeBody('bob', 'not the right passphrase')), 401, INVALID_CREDENTIALS);
      expectFailure(await login('bob', BOB_PW), 401, INVALID_CREDENTIALS);
    });

    it.each([
      ['malformed JSON', { 'content-type': 'application/json' }, '{"Username": "alice", ', 400, failure('The request body is not valid JSON.')],
      ['a prototype-polluting key', { 'content-type': 'application/json' }, '{"__proto__": {"x": 1}}', 400, failure('The request body is not valid JSON.')],
      ['a body that is not an object', { 'content-type': 'application/json' }, '["alice"]', 400, failure('The request body must be a JSON object.')],
      ['a wrong content type', { 'content-type': 'text/plain' }, JSON.stringify(changeBody('alice', ALICE_PW)), 415, failure('Send the request body as application/json.')],
      ['form encoding', { 'content-type': 'application/x-www-form-urlencoded' }, 'Username=alice&OldPassword=x', 415, failure('Send the request body as application/json.')],
      ['a body over 16 KiB', { 'content-type': 'application/json' }, JSON.stringify({ ...changeBody('alice', ALICE_PW), NewPassword: 'x'.repeat(17 * 1024) }), 413, failure('The request body exceeds 16 KiB.')],
    ])('refuses %s in the failure envelope', async (_name, headers, payload, status, expected) => {
      expectFailure(await change(payload, headers), status, expected);
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(201);
    });
  });

  it('documents its routes in /openapi.json under the unified-assurance tag', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
    expect(spec.paths['/api/core/Login/executeLogin']?.post).toMatchObject({ operationId: 'uaExecuteLogin', tags: ['unified-assurance'] });
    expect(spec.paths['/api/core/ChangePassword/executeChangePassword']?.post).toMatchObject({ operationId: 'uaExecuteChangePassword', tags: ['unified-assurance'] });
  });

  it('answers an unknown route with a 404 failure envelope', async () => {
    expectFailure(await t.app.inject({ method: 'GET', url: '/api/core/Users/readUsers', headers: CLIENT_HEADERS }), 404, failure('No such endpoint.'));
  });

  it('answers an internal failure with a 500 envelope carrying only the request id', async () => {
    t.ports.users = { ...t.ports.users, getByUsernameKey: async () => { throw new Error('connection refused to db.internal:5432'); } };
    const response = await change(changeBody('alice', ALICE_PW), { 'x-request-id': 'req-ua-500' });
    expectFailure(response, 500, failure('An unexpected error occurred (request id req-ua-500).'));
  });
});

describe('Unified Assurance dialect: hashing overloaded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ maxInFlight: 1, maxQueued: 0 });
    const admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    await createUserVia(t.app, admin, { username: 'alice', password: ALICE_PW });
  });
  afterAll(async () => t.close());

  it('answers 503 with Retry-After in the failure envelope when the hashing queue is full', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.app.inject({ method: 'POST', url: '/api/core/Login/executeLogin', headers: CLIENT_HEADERS, payload: JSON.stringify({ Username: 'alice', Password: ALICE_PW }) }),
      ),
    );
    const overloaded = responses.filter((response) => response.statusCode === 503);
    expect(overloaded.length).toBeGreaterThan(0);
    expect(responses.filter((response) => response.statusCode === 200).length).toBeGreaterThan(0);
    for (const response of overloaded) {
      expectFailure(response, 503, failure('The service is at capacity; try again shortly.'));
      expect(response.headers['retry-after']).toBe('1');
    }
  });
});
