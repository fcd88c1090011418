import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, createUserVia, logIn, type TestApp } from '../../../../../test/support/test-app.js';

/**
 * Every write route, exercised with missing fields, wrong types, unknown fields, malformed JSON,
 * oversize bodies and wrong content types. Each must answer with the right problem code and lose
 * nothing.
 */
type Route = { method: 'POST' | 'PUT' | 'PATCH'; url: string; valid: Record<string, unknown>; auth: 'admin' | 'member' | 'none' };

describe('native API: bad input on every write route', () => {
  let t: TestApp;
  let adminToken: string;
  let memberToken: string;
  let memberId: string;
  const routes: Array<[string, () => Route]> = [];

  beforeAll(async () => {
    t = await createTestApp();
    adminToken = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    memberId = (await createUserVia(t.app, adminToken, { username: 'member-one', password: 'a long passphrase for the first' })).id;
    memberToken = await logIn(t.app, 'member-one', 'a long passphrase for the first');
  });
  afterAll(async () => t.close());

  routes.push(
    ['log in', () => ({ method: 'POST', url: '/v1/sessions', valid: { username: 'member-one', password: 'a long passphrase for the first' }, auth: 'none' })],
    ['change own password', () => ({ method: 'PUT', url: '/v1/me/password', valid: { currentPassword: 'x', newPassword: 'y' }, auth: 'member' })],
    ['check a password', () => ({ method: 'POST', url: '/v1/password-checks', valid: { password: 'candidate' }, auth: 'none' })],
    ['create a user', () => ({ method: 'POST', url: '/v1/users', valid: { username: 'new-user' }, auth: 'admin' })],
    ['edit a user', () => ({ method: 'PATCH', url: `/v1/users/${memberId}`, valid: { displayName: 'M' }, auth: 'admin' })],
    ['set a password', () => ({ method: 'PUT', url: `/v1/users/${memberId}/password`, valid: { newPassword: 'z' }, auth: 'admin' })],
    ['create a tenant', () => ({ method: 'POST', url: '/v1/tenants', valid: { id: 'acme', name: 'Acme' }, auth: 'admin' })],
    ['edit a tenant', () => ({ method: 'PATCH', url: '/v1/tenants/default', valid: { name: 'Default' }, auth: 'admin' })],
  );

  const headersFor = (route: Route) =>
    route.auth === 'admin' ? bearer(adminToken) : route.auth === 'member' ? bearer(memberToken) : {};

  describe.each(routes)('%s', (_name, describeRoute) => {
    it('refuses a missing required field with 422 validation naming it', async () => {
      const route = describeRoute();
      const [firstKey] = Object.keys(route.valid);
      if (route.method === 'PATCH') return; // every PATCH field is optional; an empty body is covered below
      const body = { ...route.valid };
      delete body[firstKey as string];
      const response = await t.app.inject({ method: route.method, url: route.url, headers: headersFor(route), payload: body });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'validation', errors: expect.arrayContaining([expect.objectContaining({ pointer: `/${firstKey}` })]) });
    });

    it('refuses a wrong type with 422 validation', async () => {
      const route = describeRoute();
      const [firstKey] = Object.keys(route.valid);
      const response = await t.app.inject({ method: route.method, url: route.url, headers: headersFor(route), payload: { ...route.valid, [firstKey as string]: 12345 } });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'validation', status: 422 });
    });

    it('refuses an unknown field with 422 validation', async () => {
      const route = describeRoute();
      const response = await t.app.inject({ method: route.method, url: route.url, headers: headersFor(route), payload: { ...route.valid, isAdmin: true } });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ errors: [expect.objectContaining({ pointer: '/isAdmin', problem: 'unknown_field' })] });
    });

    it('refuses malformed JSON and prototype-polluting keys with 422', async () => {
      const route = describeRoute();
      const headers = { ...headersFor(route), 'content-type': 'application/json' };
      for (const payload of ['{"username": ', '{"__proto__": {"isAdmin": true}}', '{"constructor": {"prototype": {"x": 1}}}']) {
        const response = await t.app.inject({ method: route.method, url: route.url, headers, payload });
        expect(response.statusCode, payload).toBe(422);
        expect(response.json()).toMatchObject({ code: 'validation' });
      }
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it('refuses a body over 16 KiB with 413 before parsing', async () => {
      const route = describeRoute();
      const payload = JSON.stringify({ ...route.valid, padding: 'x'.repeat(17 * 1024) });
      const response = await t.app.inject({ method: route.method, url: route.url, headers: { ...headersFor(route), 'content-type': 'application/json' }, payload });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ code: 'payload_too_large' });
    });

    it('refuses other content types with 415', async () => {
      const route = describeRoute();
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const response = await t.app.inject({ method: route.method, url: route.url, headers: { ...headersFor(route), 'content-type': contentType }, payload: 'username=a&password=b' });
        expect(response.statusCode, contentType).toBe(415);
        expect(response.json()).toMatchObject({ code: 'unsupported_media_type' });
      }
    });
  });

  it('refuses an empty PATCH body', async () => {
    const response = await t.app.inject({ method: 'PATCH', url: `/v1/users/${memberId}`, headers: bearer(adminToken), payload: {} });
    expect(response.statusCode).toBe(422);
  });

  it('lost nothing: the member is unchanged after all of the above', async () => {
    const response = await t.app.inject({ url: `/v1/users/${memberId}`, headers: bearer(adminToken) });
    expect(response.json()).toMatchObject({ username: 'member-one', displayName: null, roles: ['member'], status: 'active' });
    expect((await t.app.inject({ url: '/v1/tenants/default', headers: bearer(adminToken) })).json()).toMatchObject({ name: 'Default' });
    expect((await t.app.inject({ url: '/v1/tenants/acme', headers: bearer(adminToken) })).statusCode).toBe(404);
  });
});
