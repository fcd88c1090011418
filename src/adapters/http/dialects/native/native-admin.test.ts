import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, createUserVia, logIn, type TestApp } from '../../../../../test/support/test-app.js';

const PW = 'a long enough member passphrase';

describe('native API: administration, roles and tenants', () => {
  let t: TestApp;
  let admin: string;
  let memberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    memberId = (await createUserVia(t.app, admin, { username: 'mem', password: PW })).id;
    await createUserVia(t.app, admin, { username: 'aud', password: PW, roles: ['auditor'] });
  });
  afterAll(async () => t.close());

  it('creates users with a Location header, refuses duplicates by folded username with 409', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/users', headers: bearer(admin), payload: { username: 'Straße', email: 's@example.com' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/v1/users/${created.json().id}`);
    expect(created.json()).toMatchObject({ username: 'Straße', hasPassword: false, passwordChangeRequired: false, roles: ['member'] });
    const duplicate = await t.app.inject({ method: 'POST', url: '/v1/users', headers: bearer(admin), payload: { username: 'STRASSE' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'conflict', field: 'username' });
    const sameEmail = await t.app.inject({ method: 'POST', url: '/v1/users', headers: bearer(admin), payload: { username: 'other', email: 'S@example.com' } });
    expect(sameEmail.json()).toMatchObject({ code: 'conflict', field: 'email' });
  });

  it('sets a temporary password: sessions revoked, next log-in may only change it', async () => {
    const before = await logIn(t.app, 'mem', PW);
    const set = await t.app.inject({ method: 'PUT', url: `/v1/users/${memberId}/password`, headers: bearer(admin), payload: { newPassword: 'temporary passphrase for mem' } });
    expect(set.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(before) })).statusCode).toBe(401);

    const login = await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'mem', password: 'temporary passphrase for mem' } });
    expect(login.json()).toMatchObject({ passwordChangeRequired: true, user: { passwordChangeRequired: true } });
    const limited = login.json().token as string;
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(limited) })).statusCode).toBe(200);
    const refused = await t.app.inject({ url: '/v1/users', headers: bearer(limited) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'password_change_required' });

    const changed = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(limited), payload: { currentPassword: 'temporary passphrase for mem', newPassword: PW } });
    expect(changed.statusCode).toBe(200);
    const me = await t.app.inject({ url: '/v1/me', headers: bearer(changed.json().token) });
    expect(me.json()).toMatchObject({ passwordChangeRequired: false });
  });

  it('refuses every admin route to a member with 403 forbidden', async () => {
    const member = await logIn(t.app, 'mem', PW);
    const calls = [
      { method: 'GET', url: '/v1/users' },
      { method: 'GET', url: `/v1/users/${memberId}` },
      { method: 'POST', url: '/v1/users', payload: { username: 'x-user' } },
      { method: 'PATCH', url: `/v1/users/${memberId}`, payload: { roles: ['admin'] } },
      { method: 'DELETE', url: `/v1/users/${memberId}` },
      { method: 'PUT', url: `/v1/users/${memberId}/password`, payload: { newPassword: 'member sets own via admin route' } },
      { method: 'POST', url: `/v1/users/${memberId}/unlock` },
      { method: 'DELETE', url: `/v1/users/${memberId}/sessions` },
      { method: 'GET', url: '/v1/audit-events' },
      { method: 'GET', url: '/v1/tenants' },
      { method: 'POST', url: '/v1/tenants', payload: { id: 'evil', name: 'Evil' } },
    ] as const;
    for (const call of calls) {
      const response = await t.app.inject({ ...call, headers: bearer(member) });
      expect(response.statusCode, `${call.method} ${call.url}`).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    }
    const me = await t.app.inject({ url: '/v1/me', headers: bearer(member) });
    expect(me.json().roles).toEqual(['member']);
  });

  it('lets an auditor read users and the audit trail but not write', async () => {
    const auditor = await logIn(t.app, 'aud', PW);
    expect((await t.app.inject({ url: '/v1/users', headers: bearer(auditor) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/v1/audit-events', headers: bearer(auditor) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/v1/users/${memberId}/unlock`, headers: bearer(auditor) })).statusCode).toBe(403);
  });

  it("keeps another tenant's admin away from this tenant's users (404) and from tenant management (403)", async () => {
    const tenant = await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(admin), payload: { id: 'acme', name: 'Acme Corp', policy: { minLength: 16 } } });
    expect(tenant.statusCode).toBe(201);
    expect(tenant.json().policy).toMatchObject({ minLength: 16, maxLength: 128 });
    await t.ports.users.create(
      { id: 'acme-admin-id', tenantId: 'acme', username: 'boss', usernameKey: 'boss', email: null, emailKey: null, displayName: null, roles: ['admin'], status: 'active', createdAt: new Date(), updatedAt: new Date() },
      null,
    );
    const crossTenant = await t.app.inject({ method: 'PUT', url: '/v1/users/acme-admin-id/password', headers: bearer(admin), payload: { newPassword: 'x' } });
    expect(crossTenant.statusCode).toBe(404);
    const { adminSetPassword } = await import('../../../../core/use-cases/admin-set-password.js');
    const { OPERATOR } = await import('../../../../core/authorization/actor.js');
    await adminSetPassword(t.ports, OPERATOR, { tenantId: 'acme', userId: 'acme-admin-id', newPassword: 'an executive passphrase here', temporary: false }, { ip: null, userAgent: null, requestId: null, dialect: 'cli' });
    const acmeAdmin = await logIn(t.app, 'boss', 'an executive passphrase here', 'acme');

    for (const call of [
      { method: 'GET', url: `/v1/users/${memberId}` },
      { method: 'PUT', url: `/v1/users/${memberId}/password`, payload: { newPassword: 'cross tenant takeover attempt' } },
      { method: 'DELETE', url: `/v1/users/${memberId}` },
      { method: 'POST', url: `/v1/users/${memberId}/unlock` },
    ] as const) {
      const response = await t.app.inject({ ...call, headers: bearer(acmeAdmin) });
      expect(response.statusCode, `${call.method} ${call.url}`).toBe(404);
    }
    expect((await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(acmeAdmin), payload: { id: 'x', name: 'X' } })).statusCode).toBe(403);
    const list = await t.app.inject({ url: '/v1/users', headers: bearer(acmeAdmin) });
    expect(list.json().items.map((u: { username: string }) => u.username)).toEqual(['boss']);
    // Same username in two tenants is allowed.
    expect((await t.app.inject({ method: 'POST', url: '/v1/users', headers: bearer(acmeAdmin), payload: { username: 'mem' } })).statusCode).toBe(201);
  });

  it('refuses an invalid tenant policy with pointers to each field', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/v1/tenants', headers: bearer(admin), payload: { id: 'weak', name: 'Weak', policy: { minLength: 4, maxLength: 10 } } });
    expect(response.statusCode).toBe(422);
    const pointers = response.json().errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/policy/minLength', '/policy/maxLength']));
  });

  it('lists users with pagination and a prefix query', async () => {
    const first = await t.app.inject({ url: '/v1/users?limit=2', headers: bearer(admin) });
    expect(first.json().items).toHaveLength(2);
    expect(first.json().nextCursor).toEqual(expect.any(String));
    const second = await t.app.inject({ url: `/v1/users?limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}`, headers: bearer(admin) });
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
    const found = await t.app.inject({ url: '/v1/users?q=AU', headers: bearer(admin) });
    expect(found.json().items.map((u: { username: string }) => u.username)).toEqual(['aud']);
    expect((await t.app.inject({ url: '/v1/users?limit=0', headers: bearer(admin) })).statusCode).toBe(422);
    expect((await t.app.inject({ url: '/v1/users?limit=abc', headers: bearer(admin) })).statusCode).toBe(422);
  });

  it('edits, disables (revoking sessions) and deletes users; an admin cannot disable themselves', async () => {
    const victim = await createUserVia(t.app, admin, { username: 'temp-user', password: PW });
    const session = await logIn(t.app, 'temp-user', PW);
    const patched = await t.app.inject({ method: 'PATCH', url: `/v1/users/${victim.id}`, headers: bearer(admin), payload: { displayName: 'Temp', status: 'disabled' } });
    expect(patched.json()).toMatchObject({ displayName: 'Temp', status: 'disabled' });
    expect((await t.app.inject({ url: '/v1/me', headers: bearer(session) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: 'temp-user', password: PW } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/users/${victim.id}`, headers: bearer(admin) })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/v1/users/${victim.id}`, headers: bearer(admin) })).statusCode).toBe(404);
    const me = (await t.app.inject({ url: '/v1/me', headers: bearer(admin) })).json();
    const self = await t.app.inject({ method: 'PATCH', url: `/v1/users/${me.id}`, headers: bearer(admin), payload: { status: 'disabled' } });
    expect(self.statusCode).toBe(403);
  });

  it('revokes all sessions of a user on request', async () => {
    const a = await logIn(t.app, 'mem', PW);
    const b = await logIn(t.app, 'mem', PW);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/users/${memberId}/sessions`, headers: bearer(admin) })).statusCode).toBe(204);
    for (const token of [a, b]) expect((await t.app.inject({ url: '/v1/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('records audit events for log-ins, changes, admin sets and revocations, readable with filters', async () => {
    const all = await t.app.inject({ url: `/v1/audit-events?userId=${memberId}&limit=200`, headers: bearer(admin) });
    const types = new Set(all.json().items.map((e: { type: string }) => e.type));
    for (const type of ['login', 'password.change', 'password.admin_set', 'sessions.revoke', 'user.create']) expect(types).toContain(type);
    const logins = await t.app.inject({ url: '/v1/audit-events?type=login&limit=1', headers: bearer(admin) });
    expect(logins.json().items).toHaveLength(1);
    expect(logins.json().items[0]).toMatchObject({ type: 'login', tenant: 'default', dialect: 'native', requestId: expect.any(String) });
    expect(logins.json().nextCursor).toEqual(expect.any(String));
    expect((await t.app.inject({ url: '/v1/audit-events?type=nonsense', headers: bearer(admin) })).statusCode).toBe(422);
  });
});
