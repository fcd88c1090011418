import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../../core/ports/clock.js';
import { issueSession } from '../../../../core/sessions/issue-session.js';
import { createMemoryStore } from '../../../../core/testing/memory-store.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, capturedLogs, createTestApp, createUserVia, logIn, type TestApp } from '../../../../../test/support/test-app.js';

const URL = '/api/v3/onezone/user/password';
const PW = 'orchid lantern on a quiet river';
const NEW_PW = 'a completely fresh passphrase';
const COLON_PW = 'pass:word:with: several separators';

const basic = (username: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` });
const JSON_HEADERS = { 'content-type': 'application/json' };
const changeBody = (oldPassword: string | null = PW, newPassword: string | null = NEW_PW) => JSON.stringify({ oldPassword, newPassword });

const UNAUTHORIZED = { error: { id: 'unauthorized', description: 'You must authenticate yourself to perform this operation.' } };
const authError = (id: string, description: string) => ({
  error: { id: 'unauthorized', description: 'Provided authentication is not valid (see details).', details: { authError: { id, description } } },
});
const BAD_BASIC = authError('badBasicCredentials', 'Invalid username or password.');
const BAD_TOKEN = authError('badToken', 'Provided token could not be understood by the server.');
const USER_BLOCKED = authError('userBlocked', 'This user account is temporarily blocked after too many failed attempts; retry later.');
const MALFORMED = { error: { id: 'malformedData', description: 'Provided data could not be understood by the server.' } };
const missing = (key: string) => ({ error: { id: 'missingRequiredValue', description: `Missing required value: ${key}.`, details: { key } } });
const notString = (key: string) => ({ error: { id: 'badValueString', description: `Bad value: provided "${key}" must be a string.`, details: { key } } });
const badPassword = (description: string) => ({ error: { id: 'badValuePassword', description } });
const TOO_SHORT = badPassword('Bad value: Password must be at least 15 characters long.');

/** Exact expectations: `body` undefined means an empty body with no content type. */
interface Expected {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function expectExactly(response: LightMyRequestResponse, expected: Expected) {
  expect({ status: response.statusCode, body: response.body === '' ? undefined : response.json() }).toEqual({ status: expected.status, body: expected.body });
  if (expected.body === undefined) {
    expect(response.body).toBe('');
    expect(response.headers['content-type']).toBeUndefined();
  } else {
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) expect(response.headers[name], name).toBe(value);
  if (!expected.headers?.['retry-after']) expect(response.headers['retry-after']).toBeUndefined();
}

interface Fixture {
  token: string;
  otherToken: string;
}

interface Row {
  name: string;
  request: (f: Fixture) => Omit<InjectOptions, 'method' | 'url'> & { url?: string };
  expected: Expected;
  /** Whose password a 204 changed; alice unless said. */
  user?: { username: string; password: string };
}

const rows: Row[] = [
  // Success and the four ways to authenticate.
  { name: 'x-auth-token', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody() }), expected: { status: 204 } },
  { name: 'Authorization: Bearer', request: (f) => ({ headers: { ...JSON_HEADERS, ...bearer(f.token) }, payload: changeBody() }), expected: { status: 204 } },
  { name: 'macaroon', request: (f) => ({ headers: { ...JSON_HEADERS, macaroon: f.token }, payload: changeBody() }), expected: { status: 204 } },
  {
    name: 'the documented curl example (-u, "Content-type", that body spacing)',
    request: () => ({ headers: { ...basic('alice', PW), 'Content-type': 'application/json' }, payload: `{"oldPassword": "${PW}", "newPassword": "${NEW_PW}"}` }),
    expected: { status: 204 },
  },
  {
    name: 'Basic, password containing ":" (split on the first colon)',
    request: () => ({ headers: { ...JSON_HEADERS, ...basic('colon', COLON_PW) }, payload: changeBody(COLON_PW) }),
    expected: { status: 204 },
    user: { username: 'colon', password: COLON_PW },
  },
  { name: 'query string ignored', request: (f) => ({ url: `${URL}?disable_cache=1`, headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody() }), expected: { status: 204 } },
  { name: 'JSON with charset', request: (f) => ({ headers: { 'content-type': 'application/json; charset=utf-8', 'x-auth-token': f.token }, payload: changeBody() }), expected: { status: 204 } },

  // Precedence: the first header present decides, and a token header means Basic is not tried.
  { name: 'bad x-auth-token beats a good Bearer', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': 'nope', ...bearer(f.token) }, payload: changeBody() }), expected: { status: 401, body: BAD_TOKEN } },
  { name: 'good x-auth-token beats a bad macaroon', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token, macaroon: 'nope' }, payload: changeBody() }), expected: { status: 204 } },
  { name: 'bad Bearer beats a good macaroon', request: (f) => ({ headers: { ...JSON_HEADERS, authorization: 'Bearer nope', macaroon: f.token }, payload: changeBody() }), expected: { status: 401, body: BAD_TOKEN } },
  { name: 'bad macaroon: good Basic is not tried', request: () => ({ headers: { ...JSON_HEADERS, macaroon: 'nope', ...basic('alice', PW) }, payload: changeBody() }), expected: { status: 401, body: BAD_TOKEN } },
  { name: 'empty x-auth-token is a bad token', request: () => ({ headers: { ...JSON_HEADERS, 'x-auth-token': '' }, payload: changeBody() }), expected: { status: 401, body: BAD_TOKEN } },
  { name: '"bearer" in lower case is no credentials', request: (f) => ({ headers: { ...JSON_HEADERS, authorization: `bearer ${f.token}` }, payload: changeBody() }), expected: { status: 401, body: UNAUTHORIZED } },

  // Refused credentials.
  { name: 'no credentials', request: () => ({ headers: JSON_HEADERS, payload: changeBody() }), expected: { status: 401, body: UNAUTHORIZED } },
  { name: 'unknown token', request: () => ({ headers: { ...JSON_HEADERS, 'x-auth-token': 'not-a-real-token' }, payload: changeBody() }), expected: { status: 401, body: BAD_TOKEN } },
  { name: 'Basic, wrong password', request: () => ({ headers: { ...JSON_HEADERS, ...basic('alice', 'not the password at all') }, payload: changeBody() }), expected: { status: 401, body: BAD_BASIC } },
  { name: 'Basic, unknown user', request: () => ({ headers: { ...JSON_HEADERS, ...basic('ghost', PW) }, payload: changeBody() }), expected: { status: 401, body: BAD_BASIC } },
  { name: 'Basic, no colon', request: () => ({ headers: { ...JSON_HEADERS, authorization: `Basic ${Buffer.from('alice').toString('base64')}` }, payload: changeBody() }), expected: { status: 401, body: BAD_BASIC } },
  { name: 'Basic, not base64', request: () => ({ headers: { ...JSON_HEADERS, authorization: 'Basic !!!!' }, payload: changeBody() }), expected: { status: 401, body: BAD_BASIC } },

  // Old-password check (after authentication and body validation).
  { name: 'wrong old password', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody('not the old password') }), expected: { status: 401, body: BAD_BASIC } },
  { name: 'Basic right, body old password wrong', request: () => ({ headers: { ...JSON_HEADERS, ...basic('alice', PW) }, payload: changeBody('not the old password') }), expected: { status: 401, body: BAD_BASIC } },
  { name: 'null old password while one is set', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody(null) }), expected: { status: 401, body: BAD_BASIC } },

  // Body validation: missing keys, then types, then the new password's rules.
  { name: 'missing newPassword', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: { oldPassword: PW } }), expected: { status: 400, body: missing('newPassword') } },
  { name: 'missing oldPassword', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: { newPassword: NEW_PW } }), expected: { status: 400, body: missing('oldPassword') } },
  { name: 'empty object: newPassword reported first', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: {} }), expected: { status: 400, body: missing('newPassword') } },
  { name: 'missing beats wrong type', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: { oldPassword: 42 } }), expected: { status: 400, body: missing('newPassword') } },
  { name: 'oldPassword not a string', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: { oldPassword: 42, newPassword: NEW_PW } }), expected: { status: 400, body: notString('oldPassword') } },
  { name: 'newPassword not a string', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: { oldPassword: PW, newPassword: ['x'] } }), expected: { status: 400, body: notString('newPassword') } },
  { name: 'wrong type beats policy', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: { oldPassword: true, newPassword: 'short' } }), expected: { status: 400, body: notString('oldPassword') } },
  { name: 'newPassword null', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody(PW, null) }), expected: { status: 400, body: TOO_SHORT } },
  { name: 'newPassword empty', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody(PW, '') }), expected: { status: 400, body: TOO_SHORT } },
  { name: 'policy before the old password (wrong old, short new)', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody('wrong old', 'short one') }), expected: { status: 400, body: badPassword('Bad value: Password must be at least 15 characters long.') } },
  {
    name: 'several violations, all stated',
    request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody(PW, 'alice\u0007') }),
    expected: {
      status: 400,
      body: badPassword(
        'Bad value: Password must be at least 15 characters long. Password must not contain control characters, unpaired surrogates or unassigned code points. Password must not contain the username.',
      ),
    },
  },
  { name: 'same as the current password', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody(PW, PW) }), expected: { status: 400, body: badPassword('Bad value: Password must differ from the current password.') } },
  { name: 'unknown key', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: { oldPassword: PW, newPassword: NEW_PW, admin: true } }), expected: { status: 400, body: { error: { id: 'badData', description: 'Bad value provided for "admin": unknown key.', details: { key: 'admin', hint: 'unknown key' } } } } },

  // Transport: the order is presented credentials, content type, JSON, then "no credentials".
  { name: 'malformed JSON', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: '{"oldPassword": ' }), expected: { status: 400, body: MALFORMED } },
  { name: 'malformed JSON, anonymous: 400 before 401', request: () => ({ headers: JSON_HEADERS, payload: '{"oldPassword": ' }), expected: { status: 400, body: MALFORMED } },
  { name: 'malformed JSON, bad token: 401 first', request: () => ({ headers: { ...JSON_HEADERS, 'x-auth-token': 'nope' }, payload: '{"oldPassword": ' }), expected: { status: 401, body: BAD_TOKEN } },
  { name: 'JSON array', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: '[]' }), expected: { status: 400, body: MALFORMED } },
  { name: 'JSON null, anonymous', request: () => ({ headers: JSON_HEADERS, payload: 'null' }), expected: { status: 400, body: MALFORMED } },
  { name: 'empty JSON body', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: '' }), expected: { status: 400, body: MALFORMED } },
  { name: 'no body, no content type, anonymous', request: () => ({ headers: {} }), expected: { status: 400, body: MALFORMED } },
  { name: '__proto__ key', request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: `{"__proto__": {"x": 1}, "oldPassword": "${PW}", "newPassword": "${NEW_PW}"}` }), expected: { status: 400, body: MALFORMED } },
  { name: 'text/plain body: 415, empty body', request: (f) => ({ headers: { 'content-type': 'text/plain', 'x-auth-token': f.token }, payload: changeBody() }), expected: { status: 415 } },
  { name: 'form body, anonymous: 415 before 401', request: () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'oldPassword=a&newPassword=b' }), expected: { status: 415 } },
  { name: 'body without content type: 415', request: (f) => ({ headers: { 'x-auth-token': f.token, 'content-type': undefined }, payload: Buffer.from(changeBody()) }), expected: { status: 415 } },
  { name: 'text/plain, bad token: 401 first', request: () => ({ headers: { 'content-type': 'text/plain', 'x-auth-token': 'nope' }, payload: changeBody() }), expected: { status: 401, body: BAD_TOKEN } },
  { name: 'text/plain, bad Basic: 401 first', request: () => ({ headers: { 'content-type': 'text/plain', ...basic('alice', 'wrong wrong wrong') }, payload: changeBody() }), expected: { status: 401, body: BAD_BASIC } },
  {
    name: 'oversize body',
    request: (f) => ({ headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: JSON.stringify({ oldPassword: PW, newPassword: 'x'.repeat(17 * 1024) }) }),
    expected: { status: 413, body: { error: { id: 'badMessage', description: 'This message could not be understood by the server: the request body exceeds 16 KiB.' } } },
  },
  {
    name: 'unknown route under the prefix',
    request: (f) => ({ url: '/api/v3/onezone/user/nothing', headers: { ...JSON_HEADERS, 'x-auth-token': f.token }, payload: changeBody() }),
    expected: { status: 404, body: { error: { id: 'notFound', description: 'The requested resource could not be found.' } } },
  },
];

describe('Onezone: PATCH /api/v3/onezone/user/password', () => {
  let t: TestApp;
  let admin: string;
  let aliceId: string;
  let fixture: Fixture;

  beforeEach(async () => {
    t = await createTestApp();
    admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    aliceId = (await createUserVia(t.app, admin, { username: 'alice', password: PW })).id;
    await createUserVia(t.app, admin, { username: 'colon', password: COLON_PW });
    fixture = { token: await logIn(t.app, 'alice', PW), otherToken: await logIn(t.app, 'alice', PW) };
  });
  afterEach(async () => t.close());

  const loginStatus = async (username: string, password: string) =>
    (await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username, password } })).statusCode;

  it.each(rows)('$name → $expected.status', async ({ request, expected, user = { username: 'alice', password: PW } }) => {
    const { url, ...options } = request(fixture);
    const response = await t.app.inject({ method: 'PATCH', url: url ?? URL, ...options });
    expectExactly(response, expected);
    if (expected.status === 204) {
      // The change is real: the old password is dead everywhere, every session of the user is revoked.
      expect(await loginStatus(user.username, NEW_PW)).toBe(201);
      expect(await loginStatus(user.username, user.password)).toBe(401);
      if (user.username === 'alice') {
        for (const token of [fixture.token, fixture.otherToken]) expect((await t.app.inject({ url: '/v1/me', headers: bearer(token) })).statusCode).toBe(401);
      }
    } else {
      expect(await loginStatus('alice', PW)).toBe(201);
    }
  });

  it('revokes every session, works in the native API, and audits with dialect "onezone"', async () => {
    const response = await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, ...basic('alice', PW), 'user-agent': 'onezone-client' }, payload: changeBody() });
    expectExactly(response, { status: 204 });
    for (const token of [fixture.token, fixture.otherToken]) expect((await t.app.inject({ url: '/v1/me', headers: bearer(token) })).statusCode).toBe(401);
    expect(await loginStatus('alice', PW)).toBe(401);
    const fresh = await logIn(t.app, 'alice', NEW_PW);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(fresh) })).statusCode).toBe(200);

    const events = (await t.app.inject({ url: `/v1/audit-events?userId=${aliceId}&limit=200`, headers: bearer(admin) })).json() as { items: Array<Record<string, unknown>> };
    const onezone = events.items.filter((event) => event.dialect === 'onezone');
    expect(onezone.map((event) => [event.type, event.outcome, event.reason]).sort()).toEqual(
      [
        ['login', 'success', 'no_session'],
        ['password.change', 'success', null],
        ['sessions.revoke', 'success', 'password_change'],
      ].sort(),
    );
    for (const event of onezone) expect(event).toMatchObject({ userAgent: 'onezone-client', actorKind: expect.any(String) });
    expect(onezone.find((event) => event.type === 'password.change')).toMatchObject({ actorId: aliceId, subjectId: aliceId });
  });

  it('audits a failed old-password check with dialect "onezone"', async () => {
    await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, 'x-auth-token': fixture.token }, payload: changeBody('not the old password') });
    const events = (await t.app.inject({ url: `/v1/audit-events?userId=${aliceId}&limit=200`, headers: bearer(admin) })).json() as { items: Array<Record<string, unknown>> };
    expect(events.items.find((event) => event.dialect === 'onezone')).toMatchObject({ type: 'password.change', outcome: 'failure', reason: 'wrong_password' });
  });

  it('blocks after repeated bad Basic credentials (401 userBlocked + Retry-After), for unknown users too', async () => {
    for (const username of ['alice', 'ghost']) {
      for (let i = 0; i < 6; i += 1) {
        const response = await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, ...basic(username, `wrong guess number ${i}`) }, payload: changeBody() });
        expectExactly(response, { status: 401, body: BAD_BASIC });
      }
      const blocked = await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, ...basic(username, PW) }, payload: changeBody() });
      expectExactly(blocked, { status: 401, body: USER_BLOCKED, headers: { 'retry-after': '30' } });
    }
    // The same counter guards the old-password check of a token-authenticated change.
    const viaToken = await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, 'x-auth-token': fixture.token }, payload: changeBody() });
    expectExactly(viaToken, { status: 401, body: USER_BLOCKED, headers: { 'retry-after': '30' } });
  });

  it('lets a user who never had a password set one with oldPassword null (token), and only null', async () => {
    const { id } = await createUserVia(t.app, admin, { username: 'nopass' });
    const issued = issueSession(t.ports, { tenantId: 'default', userId: id, authenticatedAt: t.ports.clock.now(), passwordChangeOnly: false, origin: 'onezone' });
    await t.ports.sessions.create(issued.session);
    const headers = { ...JSON_HEADERS, 'x-auth-token': issued.token };

    expectExactly(await t.app.inject({ method: 'PATCH', url: URL, headers, payload: changeBody('a guessed old password') }), { status: 401, body: BAD_BASIC });
    expectExactly(await t.app.inject({ method: 'PATCH', url: URL, headers, payload: changeBody(null) }), { status: 204 });
    expect(await loginStatus('nopass', NEW_PW)).toBe(201);
    // The token was revoked with the change.
    expectExactly(await t.app.inject({ method: 'PATCH', url: URL, headers, payload: changeBody(null) }), { status: 401, body: BAD_TOKEN });
  });

  it('logs no password, token or Basic credentials (trace level)', async () => {
    const start = capturedLogs.length;
    const basicHeader = basic('alice', PW);
    await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, 'x-auth-token': fixture.token, macaroon: fixture.otherToken }, payload: changeBody('a wrong old one') });
    await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, ...basicHeader }, payload: changeBody() });
    const lines = capturedLogs.slice(start).join('\n');
    expect(lines).toContain('/api/v3/onezone/user/password');
    for (const secret of [PW, NEW_PW, fixture.token, fixture.otherToken, basicHeader.authorization.slice('Basic '.length)]) expect(lines).not.toContain(secret);
  });

  it('lists the route in /openapi.json under the onezone tag', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>> };
    expect(spec.paths['/api/v3/onezone/user/password']?.patch).toMatchObject({ operationId: 'onezoneChangeUserPassword', tags: ['onezone'] });
  });
});

describe('Onezone: tokens over time', () => {
  class FakeClock implements Clock {
    private current = new Date('2026-01-01T00:00:00Z');
    now = () => new Date(this.current);
    advance(seconds: number) {
      this.current = new Date(this.current.getTime() + seconds * 1000);
    }
  }

  it('refuses an expired token as a bad token', async () => {
    const clock = new FakeClock();
    const t = await createTestApp({ clock });
    const admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    await createUserVia(t.app, admin, { username: 'alice', password: PW });
    const token = await logIn(t.app, 'alice', PW);
    clock.advance(8 * 3600 + 1);
    const response = await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, 'x-auth-token': token }, payload: changeBody() });
    expectExactly(response, { status: 401, body: BAD_TOKEN });
    await t.close();
  });
});

describe('Onezone: failures of the service', () => {
  it('answers 503 temporaryFailure with Retry-After when hashing is overloaded', async () => {
    const t = await createTestApp({ maxInFlight: 1, maxQueued: 0 });
    // Distinct usernames: one account's failure counter would otherwise answer first.
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, ...basic(`ghost-${i}`, 'some password guess') }, payload: changeBody() })),
    );
    const overloaded = responses.filter((response) => response.statusCode === 503);
    expect(overloaded.length).toBeGreaterThan(0);
    expect(responses.every((response) => response.statusCode === 503 || response.statusCode === 401)).toBe(true);
    expectExactly(overloaded[0] as LightMyRequestResponse, {
      status: 503,
      body: { error: { id: 'temporaryFailure', description: 'Temporary failure - please try again later.' } },
      headers: { 'retry-after': '1' },
    });
    await t.close();
  });

  describe('with a failing store', () => {
    let t: TestApp;
    beforeAll(async () => {
      const store = createMemoryStore();
      t = await createTestApp({ store });
      store.sessions.getWithUser = async () => {
        throw new Error('database is down: SELECT * FROM sessions');
      };
    });
    afterAll(async () => t.close());

    it('answers 500 internalServerError citing the request id, and nothing internal', async () => {
      const response = await t.app.inject({ method: 'PATCH', url: URL, headers: { ...JSON_HEADERS, 'x-auth-token': 'any-token', 'x-request-id': 'req-500-test' }, payload: changeBody() });
      expectExactly(response, {
        status: 500,
        body: {
          error: {
            id: 'internalServerError',
            description: "The server has encountered an error while processing this request. If the problem persists, please contact the site's administrators, citing the following reference: req-500-test",
            details: { reference: 'req-500-test' },
          },
        },
      });
      expect(response.body).not.toContain('SELECT');
    });
  });
});
