// The whole path of a breach check: native API → core policy → Pwned Passwords client → a local
// range server on 127.0.0.1 (the client's own tests cover caching, time-outs and padding).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPwnedPasswordsChecker } from '../src/adapters/breach/pwned-passwords-checker.js';
import { startRangeServer, type RangeServer } from '../src/adapters/breach/testing/range-server.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, createUserVia, logIn, type TestApp } from './support/test-app.js';

const BREACHED = 'monkey-business-2019!';
const FINE = 'tangerine-orbit-lantern';

describe('breach checking through the native API', () => {
  let range: RangeServer;
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    range = await startRangeServer({ [BREACHED]: 1234 });
    t = await createTestApp({ breach: createPwnedPasswordsChecker({ baseUrl: range.url, timeoutMs: 1000 }) });
    adminToken = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
    await range?.close();
  });

  const check = (password: string) => t.app.inject({ method: 'POST', url: '/v1/password-checks', payload: { password } });

  it('shows `breached` for a password in the corpus, and nothing for one that is not', async () => {
    const bad = await check(BREACHED);
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ acceptable: false, violations: [{ code: 'breached', message: 'Password appears in a known data breach.' }] });
    expect((await check(FINE)).json()).toMatchObject({ acceptable: true, violations: [] });
    expect(range.requests.every((request) => /^\/range\/[0-9A-F]{5}$/.test(request.path))).toBe(true);
  });

  it('refuses a breached password when an administrator sets it (422 password_policy)', async () => {
    const { id } = await createUserVia(t.app, adminToken, { username: 'breach-target', password: FINE });
    const response = await t.app.inject({ method: 'PUT', url: `/v1/users/${id}/password`, headers: bearer(adminToken), payload: { newPassword: BREACHED } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'password_policy', violations: [{ code: 'breached' }] });
  });

  it('fails closed when the range API is down: breach_check_unavailable', async () => {
    range.status = 503;
    try {
      const response = await check('velvet-harbour-compass');
      expect(response.json()).toMatchObject({ acceptable: false, violations: [{ code: 'breach_check_unavailable', message: expect.stringContaining('try again later') }] });
    } finally {
      range.status = 200;
    }
  });

  it('is not consulted for a tenant whose policy turns it off', async () => {
    const patch = await t.app.inject({ method: 'PATCH', url: '/v1/tenants/default', headers: bearer(adminToken), payload: { policy: { breachCheck: false } } });
    expect(patch.statusCode).toBe(200);
    const before = range.requests.length;
    expect((await check('silent-meadow-quartz')).json()).toMatchObject({ acceptable: true, violations: [] });
    expect(range.requests.length).toBe(before);
  });
});

describe('breach checking, failing open', () => {
  it('accepts the password when the range API is down and the deployment fails open', async () => {
    const range = await startRangeServer({ [BREACHED]: 1 });
    range.status = 500;
    const t = await createTestApp({ breach: createPwnedPasswordsChecker({ baseUrl: range.url }), breachFailOpen: true });
    try {
      const response = await t.app.inject({ method: 'POST', url: '/v1/password-checks', payload: { password: BREACHED } });
      expect(response.json()).toMatchObject({ acceptable: true, violations: [] });
    } finally {
      await t.close();
      await range.close();
    }
  });
});
