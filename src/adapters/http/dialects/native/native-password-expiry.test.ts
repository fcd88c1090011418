import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, createUserVia, logIn, type TestApp } from '../../../../../test/support/test-app.js';

const PW = 'a long enough member passphrase';

describe('native API: POST /v1/users/{id}/password-expiry', () => {
  let t: TestApp;
  let admin: string;
  let memberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    memberId = (await createUserVia(t.app, admin, { username: 'mem', password: PW })).id;
  });
  afterAll(async () => t.close());

  it('expires the password: 204, sessions revoked, the next log-in may only change it, audited', async () => {
    const member = await logIn(t.app, 'mem', PW);
    const refused = await t.app.inject({ method: 'POST', url: `/v1/users/${memberId}/password-expiry`, headers: bearer(member) });
    expect(refused.statusCode).toBe(403);

    const expired = await t.app.inject({ method: 'POST', url: `/v1/users/${memberId}/password-expiry`, headers: bearer(admin) });
    expect(expired.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(member) })).statusCode).toBe(401);
    const user = await t.app.inject({ url: `/v1/users/${memberId}`, headers: bearer(admin) });
    expect(user.json()).toMatchObject({ passwordChangeRequired: true });

    const login = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'mem', password: PW } });
    expect(login.json()).toMatchObject({ passwordChangeRequired: true, user: { passwordChangeRequired: true } });
    const limited = login.json().token as string;
    expect((await t.app.inject({ url: '/v1/users', headers: bearer(limited) })).json()).toMatchObject({ code: 'password_change_required' });
    const changed = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(limited), payload: { currentPassword: PW, newPassword: 'a brand new member passphrase' } });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(changed.json().token) })).json()).toMatchObject({ passwordChangeRequired: false });

    const audit = await t.app.inject({ url: `/v1/audit-events?type=password.expire&userId=${memberId}`, headers: bearer(admin) });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items).toEqual([expect.objectContaining({ type: 'password.expire', subjectId: memberId, outcome: 'success' })]);
  });

  it('answers 404 for an unknown user', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/v1/users/nobody/password-expiry', headers: bearer(admin) });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('is described in the OpenAPI document, tagged native', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(spec.paths['/v1/users/{id}/password-expiry'].post).toMatchObject({ operationId: 'expirePassword', tags: ['native'] });
  });
});
