import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR } from '../../../../core/authorization/actor.js';
import { OPERATOR_CONTEXT } from '../../../../core/audit/audit-event.js';
import type { Clock } from '../../../../core/ports/clock.js';
import { createUser } from '../../../../core/use-cases/create-user.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, createUserVia, logIn, type TestApp } from '../../../../../test/support/test-app.js';

/**
 * vRNI wire contract (docs/dialects.md, section A), driven with the requests the product's official
 * SDK sends: `Content-Type: application/json` on every call, `Authorization: NetworkInsight <token>`.
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
const FIVE_HOURS_MS = 5 * 3600 * 1000;

type Detail = [message: string, target: string[]];

/** The exact ApiError the dialect must answer: `code` = status at the top and in every detail. */
function apiError(status: number, message: string, details: Detail[]) {
  return { code: status, message, details: details.map(([detailMessage, target]) => ({ code: status, message: detailMessage, target })) };
}

const UNAUTHENTICATED = apiError(401, 'A valid token is required: send "Authorization: NetworkInsight <token>".', [
  ['A valid token is required: send "Authorization: NetworkInsight <token>".', ['Authorization']],
]);
const INVALID_CREDENTIALS = apiError(401, 'Invalid username or password.', [['Invalid username or password.', ['username', 'password']]]);
const NOT_ADMIN = apiError(403, "Only an administrator may change another user's password.", [["Only an administrator may change another user's password.", ['username']]]);

/** What the SDK sends: JSON content type always, the NetworkInsight header when it holds a token. */
function sdkHeaders(token?: string): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `NetworkInsight ${token}` } : {}) };
}

function expectApiError(response: LightMyRequestResponse, status: number, body: unknown) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe(JSON_TYPE);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.json()).toEqual(body);
}

describe('vRNI dialect', () => {
  let t: TestApp;
  let clock: FakeClock;
  let adminNative: string;
  let aliceId: string;
  let bobId: string;

  const vrniLogIn = (username: string, password: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/ni/auth/token', headers: sdkHeaders(), payload: JSON.stringify({ username, password, ...extra }) });
  const token = async (username: string, password: string) => {
    const response = await vrniLogIn(username, password, { domain: { domain_type: 'LOCAL', value: 'local' } });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { token: string }).token;
  };
  const changePassword = (tokenValue: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/ni/settings/users/password',
      headers: { ...sdkHeaders(tokenValue), ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const logOut = (headers: Record<string, string>) => t.app.inject({ method: 'DELETE', url: '/api/ni/auth/token', headers });
  const nativeLogIn = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username, password } });
  const auditOf = async (userId: string) => {
    const response = await t.app.inject({ url: `/v1/audit-events?userId=${userId}&limit=200`, headers: bearer(adminNative) });
    return (response.json() as { items: Array<{ type: string; outcome: string; dialect: string; reason: string | null }> }).items;
  };

  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock });
    adminNative = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    aliceId = (await createUserVia(t.app, adminNative, { username: 'alice', password: ALICE_PW })).id;
    bobId = (await createUserVia(t.app, adminNative, { username: 'bob', password: BOB_PW })).id;
  });
  afterEach(async () => t.close());

  describe('POST /auth/token', () => {
    it.each([
      ['the documented body', { username: 'alice@local', domain: { domain_type: 'LOCAL', value: 'local' } }],
      ['no domain', { username: 'alice@local' }],
      ['LOCAL without value', { username: 'alice@local', domain: { domain_type: 'LOCAL' } }],
      ['a bare username', { username: 'alice' }],
      ['an upper-case @LOCAL suffix', { username: 'alice@LOCAL' }],
    ])('issues a 5-hour token for %s', async (_name, body) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/ni/auth/token', headers: sdkHeaders(), payload: JSON.stringify({ ...body, password: ALICE_PW }) });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe(JSON_TYPE);
      expect(response.headers['cache-control']).toBe('no-store');
      const reply = response.json() as { token: string; expiry: number };
      expect(Object.keys(reply).sort()).toEqual(['expiry', 'token']);
      expect(reply.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(reply.expiry).toBe(clock.now().getTime() + FIVE_HOURS_MS);
    });

    it.each([
      ['wrong password', { username: 'alice@local', password: 'not the right passphrase' }, 401, INVALID_CREDENTIALS],
      ['unknown user (same answer)', { username: 'ghost@local', password: 'not the right passphrase' }, 401, INVALID_CREDENTIALS],
      [
        'an LDAP domain',
        { username: 'alice@corp.example', password: ALICE_PW, domain: { domain_type: 'LDAP', value: 'corp.example' } },
        400,
        apiError(400, 'The request body is invalid.', [['domain.domain_type must be LOCAL: only local users are supported.', ['domain.domain_type']]]),
      ],
      ['a missing password', { username: 'alice@local' }, 400, apiError(400, 'The request body is invalid.', [['password is required.', ['password']]])],
      ['a non-string username', { username: 42, password: ALICE_PW }, 400, apiError(400, 'The request body is invalid.', [['username must be of type string.', ['username']]])],
      ['an empty username', { username: '', password: ALICE_PW }, 400, apiError(400, 'The request body is invalid.', [['username must not be empty.', ['username']]])],
    ])('refuses %s', async (_name, body, status, expected) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/ni/auth/token', headers: sdkHeaders(), payload: JSON.stringify(body) });
      expectApiError(response, status, expected);
    });

    it('locks the account after five failures: 429 ApiError with Retry-After', async () => {
      for (let i = 0; i < 6; i += 1) expect((await vrniLogIn('alice@local', 'wrong wrong wrong wrong')).statusCode).toBe(401);
      const limited = await vrniLogIn('alice@local', ALICE_PW);
      expectApiError(limited, 429, apiError(429, 'Too many attempts; try again later.', [['Too many attempts; try again later.', ['username']]]));
      expect(limited.headers['retry-after']).toBe('30');
    });

    it('refuses a 101st live token with 401 (the product allows 100 per user)', async () => {
      for (let i = 0; i < 100; i += 1) expect((await vrniLogIn('bob', BOB_PW)).statusCode).toBe(200);
      const refused = await vrniLogIn('bob', BOB_PW);
      expectApiError(refused, 401, apiError(401, 'At most 100 live tokens per user; log out elsewhere first.', [['At most 100 live tokens per user; log out elsewhere first.', ['username']]]));
    });
  });

  describe('DELETE /auth/token', () => {
    it('revokes the presented token: 204, no body', async () => {
      const aliceToken = await token('alice@local', ALICE_PW);
      const response = await logOut(sdkHeaders(aliceToken));
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expectApiError(await changePassword(aliceToken, { username: 'alice@local', new_password: NEW_PW }), 401, UNAUTHENTICATED);
      const events = await auditOf(aliceId);
      expect(events).toContainEqual(expect.objectContaining({ type: 'logout', outcome: 'success', dialect: 'vrni' }));
    });

    it('is idempotent for a well-formed token that is no longer live', async () => {
      const aliceToken = await token('alice@local', ALICE_PW);
      expect((await logOut(sdkHeaders(aliceToken))).statusCode).toBe(204);
      expect((await logOut(sdkHeaders(aliceToken))).statusCode).toBe(204);
      expect((await logOut(sdkHeaders('never-issued-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))).statusCode).toBe(204);
    });

    it.each([
      ['no Authorization header', {}],
      ['a Bearer token', { authorization: 'Bearer some-token' }],
      ['an empty NetworkInsight token', { authorization: 'NetworkInsight ' }],
    ])('answers 401 ApiError for %s', async (_name, headers) => {
      const response = await logOut({ 'content-type': 'application/json', ...headers });
      expectApiError(response, 401, UNAUTHENTICATED);
      expect(response.headers['www-authenticate']).toBe('NetworkInsight');
    });
  });

  describe('PUT /settings/users/password', () => {
    it('changes your own password with a fresh token: 200 with an empty body; the new password works natively, the old does not', async () => {
      const aliceToken = await token('alice@local', ALICE_PW);
      const native = await logIn(t.app, 'alice', ALICE_PW);
      const response = await changePassword(aliceToken, { username: 'alice@local', new_password: NEW_PW });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toBe('');
      expect(response.headers['content-length']).toBe('0');
      expect((await nativeLogIn('alice', NEW_PW)).statusCode).toBe(201);
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(401);
      // Every session of the user is revoked, in every dialect.
      expect((await t.app.inject({ url: '/v1/me', headers: bearer(native) })).statusCode).toBe(401);
      const events = await auditOf(aliceId);
      expect(events).toContainEqual(expect.objectContaining({ type: 'password.change', outcome: 'success', dialect: 'vrni' }));
      expect(events).toContainEqual(expect.objectContaining({ type: 'sessions.revoke', outcome: 'success', dialect: 'vrni' }));
      expect(events).toContainEqual(expect.objectContaining({ type: 'login', outcome: 'success', dialect: 'vrni' }));
    });

    it("runs the SDK's flow: log in, change, log out with the now revoked token (204), then log in with the new password", async () => {
      const aliceToken = await token('alice@local', ALICE_PW);
      expect((await changePassword(aliceToken, { username: 'alice', new_password: NEW_PW })).statusCode).toBe(200);
      // The change revoked the caller's own token as well.
      expectApiError(await changePassword(aliceToken, { username: 'alice', new_password: 'yet another long passphrase' }), 401, UNAUTHENTICATED);
      const logout = await logOut(sdkHeaders(aliceToken));
      expect(logout.statusCode).toBe(204);
      expect(logout.body).toBe('');
      expect((await vrniLogIn('alice@local', NEW_PW)).statusCode).toBe(200);
    });

    it('refuses a self-change with a token older than the re-authentication window (403), allows it just inside', async () => {
      const stale = await token('alice@local', ALICE_PW);
      clock.advance(301);
      const message = 'Changing your own password needs a token obtained within the last 300 seconds; log in again.';
      expectApiError(await changePassword(stale, { username: 'alice@local', new_password: NEW_PW }), 403, apiError(403, message, [[message, ['Authorization']]]));
      const fresh = await token('alice@local', ALICE_PW);
      clock.advance(299);
      expect((await changePassword(fresh, { username: 'alice@local', new_password: NEW_PW })).statusCode).toBe(200);
    });

    it('reports every policy violation, each targeting new_password', async () => {
      const aliceToken = await token('alice@local', ALICE_PW);
      expectApiError(
        await changePassword(aliceToken, { username: 'alice@local', new_password: 'password' }),
        400,
        apiError(400, 'The new password does not meet the password policy.', [
          ['Password must be at least 15 characters long.', ['new_password']],
          ['Password is too common.', ['new_password']],
        ]),
      );
      expectApiError(
        await changePassword(aliceToken, { username: 'alice@local', new_password: 'alice\u0007' }),
        400,
        apiError(400, 'The new password does not meet the password policy.', [
          ['Password must be at least 15 characters long.', ['new_password']],
          ['Password must not contain control characters, unpaired surrogates or unassigned code points.', ['new_password']],
          ['Password must not contain the username.', ['new_password']],
        ]),
      );
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(201);
    });

    it.each([
      ['a missing new_password', { username: 'alice@local' }, [['new_password is required.', ['new_password']]]],
      ['a missing username', { new_password: NEW_PW }, [['username is required.', ['username']]]],
      ['an empty body object', {}, [['username is required.', ['username']], ['new_password is required.', ['new_password']]]],
      ['a non-string new_password', { username: 'alice@local', new_password: 123456789012345 }, [['new_password must be of type string.', ['new_password']]]],
      ['a null username', { username: null, new_password: NEW_PW }, [['username must be of type string.', ['username']]]],
      ['an empty new_password', { username: 'alice@local', new_password: '' }, [['new_password must not be empty.', ['new_password']]]],
      ['an unknown field', { username: 'alice@local', new_password: NEW_PW, role: 'ADMIN' }, [['role is not a known field.', ['role']]]],
      ['a body that is not an object', [], [['body must be of type object.', ['body']]]],
    ] as Array<[string, unknown, Detail[]]>)('answers 400 naming the field for %s', async (_name, body, details) => {
      const aliceToken = await token('alice@local', ALICE_PW);
      expectApiError(await changePassword(aliceToken, body), 400, apiError(400, 'The request body is invalid.', details));
    });

    it.each([
      ['malformed JSON', { 'content-type': 'application/json' }, '{"username": "alice@local", "new_password": ', 400, apiError(400, 'The request body is not valid JSON.', [['The request body is not valid JSON.', ['body']]])],
      ['a prototype-polluting key', { 'content-type': 'application/json' }, '{"__proto__": {"isAdmin": true}}', 400, apiError(400, 'The request body is not valid JSON.', [['The request body is not valid JSON.', ['body']]])],
      ['a wrong content type', { 'content-type': 'text/plain' }, JSON.stringify({ username: 'alice@local', new_password: NEW_PW }), 415, apiError(415, 'Send the request body as application/json.', [['Send the request body as application/json.', ['Content-Type']]])],
      ['form encoding', { 'content-type': 'application/x-www-form-urlencoded' }, 'username=alice%40local&new_password=x', 415, apiError(415, 'Send the request body as application/json.', [['Send the request body as application/json.', ['Content-Type']]])],
      ['a body over 16 KiB', { 'content-type': 'application/json' }, JSON.stringify({ username: 'alice@local', new_password: 'x'.repeat(17 * 1024) }), 413, apiError(413, 'The request body exceeds 16 KiB.', [['The request body exceeds 16 KiB.', ['body']]])],
    ])('refuses %s in the ApiError shape', async (_name, headers, payload, status, expected) => {
      const aliceToken = await token('alice@local', ALICE_PW);
      expectApiError(await changePassword(aliceToken, payload, headers), status, expected);
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(201);
    });

    it.each([
      ['no Authorization header', () => ({})],
      ['a Bearer scheme', (valid: string) => ({ authorization: `Bearer ${valid}` })],
      ['a lower-case prefix', (valid: string) => ({ authorization: `networkinsight ${valid}` })],
      ['two spaces after the prefix', (valid: string) => ({ authorization: `NetworkInsight  ${valid}` })],
      ['trailing text after the token', (valid: string) => ({ authorization: `NetworkInsight ${valid} extra` })],
      ['an unknown token', () => ({ authorization: 'NetworkInsight bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtMTIzNDU2Nzg5MA==' })],
    ] as Array<[string, (valid: string) => Record<string, string>]>)('answers 401 ApiError for %s', async (_name, header) => {
      const valid = await token('alice@local', ALICE_PW);
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/ni/settings/users/password',
        headers: { 'content-type': 'application/json', ...header(valid) },
        payload: JSON.stringify({ username: 'alice@local', new_password: NEW_PW }),
      });
      expectApiError(response, 401, UNAUTHENTICATED);
      expect(response.headers['www-authenticate']).toBe('NetworkInsight');
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(201);
    });

    it('ends a token 5 hours after issue even while it is in use', async () => {
      const aliceToken = await token('alice@local', ALICE_PW);
      // Keep the token busy (a refused admin action still authenticates it) so the idle timeout never applies.
      for (let elapsed = 0; elapsed < 5 * 3600 - 1500; elapsed += 1500) {
        clock.advance(1500);
        expectApiError(await changePassword(aliceToken, { username: 'bob@local', new_password: NEW_PW }), 403, NOT_ADMIN);
      }
      clock.advance(1500);
      expectApiError(await changePassword(aliceToken, { username: 'bob@local', new_password: NEW_PW }), 401, UNAUTHENTICATED);
    });

    it("refuses a member naming another user with 403, whether or not that user exists", async () => {
      const aliceToken = await token('alice@local', ALICE_PW);
      const existing = await changePassword(aliceToken, { username: 'bob@local', new_password: NEW_PW });
      const missing = await changePassword(aliceToken, { username: 'nobody-here@local', new_password: NEW_PW });
      expectApiError(existing, 403, NOT_ADMIN);
      expectApiError(missing, 403, NOT_ADMIN);
      expect((await nativeLogIn('bob', BOB_PW)).statusCode).toBe(201);
    });

    it("lets an administrator set another user's password: temporary, the user's sessions revoked, audited as vrni", async () => {
      const bobNative = await logIn(t.app, 'bob', BOB_PW);
      const adminToken = await token(`${ADMIN_USERNAME}@local`, ADMIN_PASSWORD);
      const response = await changePassword(adminToken, { username: 'bob@local', new_password: NEW_PW });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).toBe('');
      expect((await t.app.inject({ url: '/v1/me', headers: bearer(bobNative) })).statusCode).toBe(401);
      expect((await nativeLogIn('bob', BOB_PW)).statusCode).toBe(401);
      const login = await nativeLogIn('bob', NEW_PW);
      expect(login.statusCode).toBe(201);
      expect(login.json()).toMatchObject({ passwordChangeRequired: true });
      // The administrator's own token is untouched.
      expectApiError(await changePassword(adminToken, { username: 'nobody-here@local', new_password: NEW_PW }), 404, apiError(404, 'No such local user.', [['No such local user.', ['username']]]));
      expect(await auditOf(bobId)).toContainEqual(expect.objectContaining({ type: 'password.admin_set', outcome: 'success', dialect: 'vrni', reason: 'temporary' }));
    });

    it('applies the policy to an administrator too', async () => {
      const adminToken = await token(ADMIN_USERNAME, ADMIN_PASSWORD);
      expectApiError(
        await changePassword(adminToken, { username: 'bob', new_password: 'bob' }),
        400,
        apiError(400, 'The new password does not meet the password policy.', [
          ['Password must be at least 15 characters long.', ['new_password']],
          ['Password is too common.', ['new_password']],
          ['Password must not contain the username.', ['new_password']],
        ]),
      );
    });
  });

  describe('tenant scope', () => {
    const UNKNOWN_TOKEN = 'bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtMTIzNDU2Nzg5MA==';
    const ACME_PW = 'copper kettle hums at dawn';

    /** A session token of an administrator named alice in tenant acme, logged in natively moments ago. */
    async function acmeToken() {
      const tenant = await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(adminNative), payload: { id: 'acme', name: 'Acme' } });
      expect(tenant.statusCode, tenant.body).toBe(201);
      await createUser(t.ports, OPERATOR, { tenantId: 'acme', username: 'alice', password: ACME_PW, roles: ['admin'], temporary: false }, OPERATOR_CONTEXT);
      return logIn(t.app, 'alice', ACME_PW, 'acme');
    }

    function expectSameAnswer(foreign: LightMyRequestResponse, unknown: LightMyRequestResponse) {
      expect(foreign.statusCode).toBe(unknown.statusCode);
      expect(foreign.body).toBe(unknown.body);
      for (const name of ['content-type', 'www-authenticate']) expect(foreign.headers[name], name).toBe(unknown.headers[name]);
    }

    it("refuses another tenant's token on a password change exactly like an unknown token", async () => {
      const foreign = await acmeToken();
      for (const username of ['alice@local', 'bob@local', 'nobody-here@local']) {
        const body = { username, new_password: NEW_PW };
        const response = await changePassword(foreign, body);
        expectApiError(response, 401, UNAUTHENTICATED);
        expectSameAnswer(response, await changePassword(UNKNOWN_TOKEN, body));
      }
      // No password changed in either tenant.
      expect((await nativeLogIn('alice', ALICE_PW)).statusCode).toBe(201);
      expect((await nativeLogIn('bob', BOB_PW)).statusCode).toBe(201);
      expect((await logIn(t.app, 'alice', ACME_PW, 'acme')).length).toBeGreaterThan(0);
    });

    it("answers a log-out with another tenant's token exactly like an unknown token, and leaves that session alone", async () => {
      const foreign = await acmeToken();
      const response = await logOut(sdkHeaders(foreign));
      expect(response.statusCode).toBe(204);
      expectSameAnswer(response, await logOut(sdkHeaders(UNKNOWN_TOKEN)));
      expect((await t.app.inject({ url: '/v1/me', headers: bearer(foreign) })).statusCode).toBe(200);
    });
  });

  it('documents its routes in /openapi.json under the vrni tag', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId: string; tags: string[] }>> };
    expect(spec.paths['/api/ni/auth/token']?.post).toMatchObject({ operationId: 'vrniCreateToken', tags: ['vrni'] });
    expect(spec.paths['/api/ni/auth/token']?.delete).toMatchObject({ operationId: 'vrniDeleteToken', tags: ['vrni'] });
    expect(spec.paths['/api/ni/settings/users/password']?.put).toMatchObject({ operationId: 'vrniUpdateUserPassword', tags: ['vrni'] });
  });

  it('answers an unknown route with a 404 ApiError', async () => {
    expectApiError(await t.app.inject({ method: 'GET', url: '/api/ni/settings/users', headers: sdkHeaders() }), 404, apiError(404, 'No such API.', [['No such API.', []]]));
  });

  it('answers an internal failure with a 500 ApiError carrying only the request id', async () => {
    const aliceToken = await token('alice@local', ALICE_PW);
    t.ports.sessions = { ...t.ports.sessions, getWithUser: async () => { throw new Error('connection refused to db.internal:5432'); } };
    const response = await changePassword(aliceToken, { username: 'alice@local', new_password: NEW_PW }, { 'x-request-id': 'req-vrni-500' });
    const message = 'An unexpected error occurred (request id req-vrni-500).';
    expectApiError(response, 500, apiError(500, message, [[message, []]]));
  });
});

describe('vRNI dialect: hashing overloaded', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ maxInFlight: 1, maxQueued: 0 });
    const admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    await createUserVia(t.app, admin, { username: 'alice', password: ALICE_PW });
  });
  afterAll(async () => t.close());

  it('answers 503 ApiError with Retry-After when the hashing queue is full', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.app.inject({ method: 'POST', url: '/api/ni/auth/token', headers: sdkHeaders(), payload: JSON.stringify({ username: 'alice@local', password: ALICE_PW }) }),
      ),
    );
    const overloaded = responses.filter((response) => response.statusCode === 503);
    expect(overloaded.length).toBeGreaterThan(0);
    expect(responses.filter((response) => response.statusCode === 200).length).toBeGreaterThan(0);
    for (const response of overloaded) {
      expectApiError(response, 503, apiError(503, 'The service is at capacity; try again shortly.', [['The service is at capacity; try again shortly.', []]]));
      expect(response.headers['retry-after']).toBe('1');
    }
  });
});
