import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, createUserVia, logIn, type TestApp } from '../../../../../test/support/test-app.js';

const ALICE_PASSWORD = 'she has a long passphrase';
const NEW_PASSWORD = 'she picked another passphrase';

describe('native API: sessions and changing your own password', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminToken = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    await createUserVia(t.app, adminToken, { username: 'Alice', password: ALICE_PASSWORD, email: 'alice@example.com' });
  });
  afterAll(async () => t.close());

  it('logs in with the username in any case and returns a token, expiry and the user', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'ALICE', password: ALICE_PASSWORD } });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(body).toMatchObject({ passwordChangeRequired: false, user: { username: 'Alice', tenant: 'default', hasPassword: true } });
    expect(JSON.stringify(body)).not.toContain('argon2');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('gives one identical answer for an unknown user and a wrong password', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'nobody-here', password: 'whatever it is here' } });
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'bob-does-not-exist', password: 'whatever it is here' } });
    const wrongPassword = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'Alice', password: 'not the right one at all' } });
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(unknown.statusCode).toBe(401);
    expect(wrongPassword.statusCode).toBe(401);
    expect(strip(unknown.json())).toEqual(strip(wrongPassword.json()));
    expect(strip(wrong.json())).toEqual(strip(wrongPassword.json()));
    expect(unknown.json()).toMatchObject({ code: 'invalid_credentials', type: 'http://passwarden.test/problems/invalid_credentials' });
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(wrongPassword.headers).sort());
    // The failed attempt on Alice is cleared by her next success.
    await logIn(t.app, 'Alice', ALICE_PASSWORD);
  });

  it('reads /v1/me and logs out, after which the token is refused', async () => {
    const token = await logIn(t.app, 'alice', ALICE_PASSWORD);
    const me = await t.app.inject({ url: '/v1/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'Alice', email: 'alice@example.com', roles: ['member'] });
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/sessions/current', headers: bearer(token) })).statusCode).toBe(204);
    const after = await t.app.inject({ url: '/v1/me', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'unauthenticated' });
    expect(after.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuses missing, malformed and unknown tokens with 401 unauthenticated', async () => {
    for (const headers of [{}, { authorization: 'Bearer' }, { authorization: 'Basic YTpi' }, { authorization: 'Bearer not-a-real-token' }]) {
      const response = await t.app.inject({ url: '/v1/me', headers });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('changes the password: new token returned, every other session revoked, old password refused', async () => {
    const first = await logIn(t.app, 'alice', ALICE_PASSWORD);
    const second = await logIn(t.app, 'alice', ALICE_PASSWORD);
    const response = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(first), payload: { currentPassword: ALICE_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const { token } = response.json();
    expect(token).not.toBe(first);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(first) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(second) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'alice', password: ALICE_PASSWORD } })).statusCode).toBe(401);
    // and back, so other tests keep the documented password
    const back = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: NEW_PASSWORD, newPassword: ALICE_PASSWORD } });
    expect(back.statusCode).toBe(200);
  });

  it('refuses a wrong current password with 403 invalid_current_password', async () => {
    const token = await logIn(t.app, 'alice', ALICE_PASSWORD);
    const response = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: 'this is not my password', newPassword: NEW_PASSWORD } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'invalid_current_password' });
    expect(response.body).not.toContain('this is not my password');
    await logIn(t.app, 'alice', ALICE_PASSWORD); // clears the counter
  });

  it('reports every policy violation at once with codes and messages', async () => {
    const token = await logIn(t.app, 'alice', ALICE_PASSWORD);
    const response = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: ALICE_PASSWORD, newPassword: 'alice\u0007' } });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.code).toBe('password_policy');
    expect(body.violations.map((v: { code: string }) => v.code).sort()).toEqual(['context', 'context', 'invalid_characters', 'too_short']);
    expect(body.violations.filter((v: { code: string }) => v.code === 'context').map((v: { field: string }) => v.field)).toEqual(['username', 'email']);
    expect(body.violations.find((v: { code: string }) => v.code === 'too_short')).toMatchObject({ minLength: 15, actualLength: 6, message: expect.stringContaining('15') });
  });

  it('refuses the same password as the current one', async () => {
    const token = await logIn(t.app, 'alice', ALICE_PASSWORD);
    const response = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: ALICE_PASSWORD, newPassword: ALICE_PASSWORD } });
    expect(response.statusCode).toBe(422);
    expect(response.json().violations).toEqual([expect.objectContaining({ code: 'same_as_current' })]);
  });

  it('treats composed and decomposed accents as the same password (NFC)', async () => {
    const composed = 'caf\u00e9 au lait every morning';
    const decomposed = 'cafe\u0301 au lait every morning';
    await createUserVia(t.app, adminToken, { username: 'nfc-user', password: composed });
    expect((await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'nfc-user', password: decomposed } })).statusCode).toBe(201);
  });

  it('checks a candidate without storing anything', async () => {
    const good = await t.app.inject({ method: 'POST', url: '/v1/password-checks', payload: { password: 'a perfectly fine long passphrase' } });
    expect(good.json()).toMatchObject({ acceptable: true, violations: [] });
    const { strength } = good.json<{ strength: { score: number; feedback: string[] } }>();
    expect(Number.isInteger(strength.score)).toBe(true);
    expect(strength.score).toBeGreaterThanOrEqual(0);
    expect(strength.score).toBeLessThanOrEqual(4);
    expect(strength.feedback).toEqual(expect.any(Array));
    const bad = await t.app.inject({ method: 'POST', url: '/v1/password-checks', payload: { password: 'password', username: 'someone' } });
    expect(bad.json()).toMatchObject({ acceptable: false });
    expect(bad.json().violations.map((v: { code: string }) => v.code)).toEqual(['too_short', 'common']);
    const unknownTenant = await t.app.inject({ method: 'POST', url: '/v1/password-checks', payload: { password: 'x', tenant: 'no-such-tenant' } });
    expect(unknownTenant.statusCode).toBe(404);
  });
});
