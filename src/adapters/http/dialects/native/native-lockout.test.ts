import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../../core/ports/clock.js';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, createTestApp, createUserVia, logIn, type TestApp } from '../../../../../test/support/test-app.js';

const PW = 'the target has a long passphrase';

class FakeClock implements Clock {
  constructor(private current = new Date('2026-01-01T00:00:00Z')) {}
  now = () => new Date(this.current);
  advance(seconds: number) {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

describe('native API: brute-force protection', () => {
  let t: TestApp;
  let clock: FakeClock;
  let admin: string;

  beforeEach(async () => {
    clock = new FakeClock();
    t = await createTestApp({ clock });
    admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    await createUserVia(t.app, admin, { username: 'victim', password: PW });
  });
  afterEach(async () => t.close());

  const attempt = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username, password } });

  it('allows five free failures, then waits of 30 s doubling, identically for an unknown user', async () => {
    for (const username of ['victim', 'ghost-user']) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await attempt(username, 'wrong wrong wrong wrong')).statusCode);
      expect(statuses, username).toEqual([401, 401, 401, 401, 401, 401]);
      const limited = await attempt(username, 'wrong wrong wrong wrong');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('30');
      expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    }
    // Even the right password waits while the lock holds.
    expect((await attempt('victim', PW)).statusCode).toBe(429);
    clock.advance(30);
    expect((await attempt('victim', 'still wrong password here')).statusCode).toBe(401);
    expect((await attempt('victim', PW)).headers['retry-after']).toBe('60');
    clock.advance(60);
    expect((await attempt('victim', PW)).statusCode).toBe(201);
    // Success reset the counter: five free failures again.
    for (let i = 0; i < 5; i += 1) expect((await attempt('victim', 'wrong again wrong again')).statusCode).toBe(401);
  });

  it('counts wrong current passwords on the same counter as log-ins', async () => {
    const token = await logIn(t.app, 'victim', PW);
    for (let i = 0; i < 3; i += 1) await attempt('victim', 'wrong wrong wrong wrong');
    for (let i = 0; i < 3; i += 1) {
      const response = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: 'guessing the current one', newPassword: 'a brand new passphrase now' } });
      expect(response.statusCode).toBe(403);
    }
    const limited = await t.app.inject({ method: 'PUT', url: '/v1/me/password', headers: bearer(token), payload: { currentPassword: PW, newPassword: 'a brand new passphrase now' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
  });

  it('shows the wait to administrators and clears it on unlock', async () => {
    for (let i = 0; i < 6; i += 1) await attempt('victim', 'wrong wrong wrong wrong');
    const users = (await t.app.inject({ url: '/v1/users?q=victim', headers: bearer(admin) })).json();
    const victim = users.items[0];
    expect(victim.lockedUntil).toBe(new Date(clock.now().getTime() + 30_000).toISOString());
    expect((await t.app.inject({ method: 'POST', url: `/v1/users/${victim.id}/unlock`, headers: bearer(admin) })).statusCode).toBe(204);
    expect((await attempt('victim', PW)).statusCode).toBe(201);
    const events = (await t.app.inject({ url: `/v1/audit-events?userId=${victim.id}&limit=200`, headers: bearer(admin) })).json();
    const types = events.items.map((e: { type: string }) => e.type);
    expect(types).toContain('account.lockout');
    expect(types).toContain('account.unlock');
  });

  it('disables the password after 100 consecutive failures until an administrator sets one', async () => {
    for (let i = 0; i < 100; i += 1) {
      const response = await attempt('victim', 'wrong wrong wrong wrong');
      expect(response.statusCode).toBe(401);
      clock.advance(3600);
    }
    expect((await attempt('victim', PW)).statusCode).toBe(401);
    admin = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD); // a hundred simulated hours outlived the first session
    const victim = (await t.app.inject({ url: '/v1/users?q=victim', headers: bearer(admin) })).json().items[0];
    expect(victim.passwordDisabled).toBe(true);
    await t.app.inject({ method: 'PUT', url: `/v1/users/${victim.id}/password`, headers: bearer(admin), payload: { newPassword: 'fresh admin chosen passphrase', temporary: false } });
    expect((await attempt('victim', 'fresh admin chosen passphrase')).statusCode).toBe(201);
  }, 120_000);
});

describe('native API: hashing overload', () => {
  it('answers 503 overloaded with Retry-After past the hashing queue, and every other request is answered normally', async () => {
    const t = await createTestApp({ maxInFlight: 1, maxQueued: 2 });
    // Distinct usernames: concurrent attempts on one account would meet its failure counter first.
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.app.inject({ method: 'POST', url: '/v1/sessions', payload: { username: `ghost-${i}`, password: 'some password guess' } })),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(statuses).toContain(503);
    const overloaded = responses.find((r) => r.statusCode === 503);
    expect(overloaded?.headers['retry-after']).toBe('1');
    expect(overloaded?.json()).toMatchObject({ code: 'overloaded' });
    await t.close();
  });
});
