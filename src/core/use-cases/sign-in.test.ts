import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import type { DomainErrorDetail } from '../errors.js';
import {
  advance,
  auditEvents,
  ctx,
  makePorts,
  PASSWORDS,
  rejection,
  seedDefaultTenant,
  seedTenant,
  seedUser,
  type TestPorts,
} from '../testing/fakes.js';
import { adminSetPassword } from './admin-set-password.js';
import { authenticate } from './authenticate.js';
import { signIn } from './sign-in.js';
import { updateUser } from './update-user.js';

async function setup(overrides: Partial<TestPorts> = {}) {
  const ports = makePorts(overrides);
  await seedDefaultTenant(ports);
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice, email: 'alice@example.com' });
  ports.hasher.resetCalls();
  return { ports, alice };
}

type Outcome = 'ok' | DomainErrorDetail;

/** One log-in attempt, as data. */
async function attempt(ports: TestPorts, username: string, password: string, tenantId = 'default'): Promise<Outcome> {
  try {
    await signIn(ports, { tenantId, username, password }, ctx);
    return 'ok';
  } catch (error) {
    return rejection(Promise.reject(error));
  }
}

const INVALID = { kind: 'InvalidCredentials' } as const;

describe('signIn', () => {
  it('issues a session stored only under the digest of its token', async () => {
    const { ports, alice } = await setup();
    const result = await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);

    expect(result.passwordChangeRequired).toBe(false);
    expect(result.user).toMatchObject({ id: alice.id, username: 'alice', hasPassword: true, passwordChangeRequired: false });
    expect(result.session.id).toBe(ports.tokens.digest(result.token));
    expect(result.session.id).not.toBe(result.token);
    expect(await ports.sessions.get(ports.tokens.digest(result.token))).toMatchObject({
      userId: alice.id,
      tenantId: 'default',
      passwordChangeOnly: false,
      origin: 'native',
    });
    expect(await ports.sessions.get(result.token)).toBeUndefined();
    expect(result.session.expiresAt.getTime() - ports.clock.now().getTime()).toBe(8 * 3600 * 1000);
    expect(JSON.stringify(result.user)).not.toContain('fake$');
  });

  it('matches the username by its key (case and NFC)', async () => {
    const { ports } = await setup();
    await seedUser(ports, { username: 'Rene\u0301', password: PASSWORDS.other });
    expect(await attempt(ports, 'ALICE', PASSWORDS.alice)).toBe('ok');
    expect(await attempt(ports, 'RENÉ', PASSWORDS.other)).toBe('ok');
  });

  it('accepts the password typed in another Unicode normalisation form', async () => {
    const { ports } = await setup();
    await seedUser(ports, { username: 'bob', password: 'crème brûlée forever' });
    expect(await attempt(ports, 'bob', 'cre\u0300me bru\u0302le\u0301e forever')).toBe('ok');
    expect(await attempt(ports, 'bob', 'crème brûlée forever ')).toEqual(INVALID);
  });

  const failures: Array<{ name: string; prepare?: (ports: TestPorts, aliceId: string) => Promise<void>; username: string; password: string; tenant?: string }> = [
    { name: 'wrong password', username: 'alice', password: 'not-the-password-at-all' },
    { name: 'unknown user', username: 'mallory', password: PASSWORDS.alice },
    { name: 'unknown tenant', username: 'alice', password: PASSWORDS.alice, tenant: 'nowhere' },
    {
      name: 'disabled user with the right password',
      prepare: async (ports, aliceId) => {
        await updateUser(ports, OPERATOR, { tenantId: 'default', userId: aliceId, status: 'disabled' }, ctx);
      },
      username: 'alice',
      password: PASSWORDS.alice,
    },
    {
      name: 'disabled password with the right password',
      prepare: async (ports, aliceId) => {
        await ports.credentials.disable('default', aliceId, ports.clock.now());
      },
      username: 'alice',
      password: PASSWORDS.alice,
    },
    {
      name: 'user without a password',
      prepare: async (ports) => {
        await seedUser(ports, { username: 'nopass' });
      },
      username: 'nopass',
      password: PASSWORDS.alice,
    },
    { name: 'empty password', username: 'alice', password: '' },
    { name: 'password over 1 KiB', username: 'alice', password: PASSWORDS.alice + 'x'.repeat(1100) },
  ];

  it.each(failures)('$name: InvalidCredentials after exactly one verification', async ({ prepare, username, password, tenant }) => {
    const { ports, alice } = await setup();
    if (prepare) await prepare(ports, alice.id);
    ports.hasher.resetCalls();
    expect(await attempt(ports, username, password, tenant)).toEqual(INVALID);
    expect(ports.hasher.verifications()).toBe(1);
    expect(ports.hasher.calls.hash).toBe(0);
    expect(ports.hasher.longestInput()).toBeLessThanOrEqual(1024);
  });

  it('allows five free failures, then waits of 30 s doubling', async () => {
    const { ports } = await setup();
    for (let i = 1; i <= 6; i += 1) expect(await attempt(ports, 'alice', `wrong-password-${i}-xxxx`)).toEqual(INVALID);
    // After the 6th failure: 30 s, whatever the password.
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 30 });
    advance(ports, 29);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 1 });
    advance(ports, 1);
    expect(await attempt(ports, 'alice', 'wrong-password-7-xxxx')).toEqual(INVALID);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 60 });
    advance(ports, 60);
    expect(await attempt(ports, 'alice', 'wrong-password-8-xxxx')).toEqual(INVALID);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 120 });
    advance(ports, 120);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
  });

  it('lets no concurrent guess slip past the limit', async () => {
    const { ports } = await setup();
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(ports, 'alice', `wrong-password-${i}-xxxx`)));
    expect(outcomes.filter((o) => o !== 'ok' && o.kind === 'InvalidCredentials')).toHaveLength(6);
    expect(outcomes.filter((o) => o !== 'ok' && o.kind === 'RateLimited')).toHaveLength(14);
    expect(ports.hasher.verifications()).toBe(6);
  });

  it("follows the tenant's own lockout schedule", async () => {
    const { ports } = await setup();
    await seedTenant(ports, { id: 'acme', name: 'Acme', policy: { lockout: { freeFailures: 3, firstDelaySeconds: 10 } } });
    await seedUser(ports, { tenantId: 'acme', username: 'alice', password: PASSWORDS.other });
    for (let i = 0; i < 4; i += 1) expect(await attempt(ports, 'alice', 'wrong-password-xxxx', 'acme')).toEqual(INVALID);
    expect(await attempt(ports, 'alice', PASSWORDS.other, 'acme')).toEqual({ kind: 'RateLimited', retryAfterSeconds: 10 });
    // The default tenant's alice has a counter of her own.
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
  });

  it('refuses a limited attempt without counting it', async () => {
    const { ports } = await setup();
    for (let i = 1; i <= 6; i += 1) await attempt(ports, 'alice', 'wrong-password-xxxx');
    for (let i = 0; i < 10; i += 1) expect(await attempt(ports, 'alice', 'wrong-password-xxxx')).toMatchObject({ kind: 'RateLimited' });
    advance(ports, 30);
    expect(await attempt(ports, 'alice', 'wrong-password-xxxx')).toEqual(INVALID);
    // 7th counted failure, not 17th.
    expect(await attempt(ports, 'alice', 'wrong-password-xxxx')).toEqual({ kind: 'RateLimited', retryAfterSeconds: 60 });
  });

  it('throttles an unknown username exactly like a known one', async () => {
    const sequence = async (username: string): Promise<Outcome[]> => {
      const { ports } = await setup();
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 8; i += 1) outcomes.push(await attempt(ports, username, 'wrong-password-xxxx'));
      advance(ports, 30);
      for (let i = 0; i < 3; i += 1) outcomes.push(await attempt(ports, username, 'wrong-password-xxxx'));
      advance(ports, 60);
      outcomes.push(await attempt(ports, username, 'wrong-password-xxxx'));
      return outcomes;
    };
    const known = await sequence('alice');
    const unknown = await sequence('mallory');
    expect(unknown).toEqual(known);
    expect(known.filter((o) => o !== 'ok' && o.kind === 'RateLimited')).toHaveLength(4);
  });

  it('keys the counter by username key, so case variants share it', async () => {
    const { ports } = await setup();
    for (const name of ['alice', 'ALICE', 'Alice', 'aLiCe', 'alicE', 'ALice']) await attempt(ports, name, 'wrong-password-xxxx');
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 30 });
  });

  it('resets the counter on success', async () => {
    const { ports } = await setup();
    for (let i = 0; i < 5; i += 1) expect(await attempt(ports, 'alice', 'wrong-password-xxxx')).toEqual(INVALID);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
    for (let i = 0; i < 6; i += 1) expect(await attempt(ports, 'alice', 'wrong-password-xxxx')).toEqual(INVALID);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 30 });
  });

  it('disables the password after 100 consecutive failures, until an administrator sets a new one', async () => {
    const { ports, alice } = await setup();
    let counted = 0;
    while (counted < 100) {
      const outcome = await attempt(ports, 'alice', 'wrong-password-xxxx');
      if (outcome !== 'ok' && outcome.kind === 'RateLimited') {
        expect(outcome.retryAfterSeconds).toBeLessThanOrEqual(3600);
        advance(ports, outcome.retryAfterSeconds);
        continue;
      }
      expect(outcome).toEqual(INVALID);
      counted += 1;
      if (counted < 100) expect((await ports.credentials.get('default', alice.id))?.disabledAt).toBeNull();
    }
    expect((await ports.credentials.get('default', alice.id))?.disabledAt).toEqual(ports.clock.now());
    expect((await auditEvents(ports)).filter((e) => e.type === 'password.disabled')).toMatchObject([
      { subjectId: alice.id, outcome: 'success', reason: 'too_many_failures' },
    ]);

    advance(ports, 3600);
    ports.hasher.resetCalls();
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual(INVALID);
    expect(ports.hasher.verifications()).toBe(1);
    advance(ports, 3600);
    // Unlocking the counter does not restore the password.
    await ports.throttle.reset('default', 'alice');
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual(INVALID);

    await adminSetPassword(ports, OPERATOR, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2, temporary: false }, ctx);
    expect((await ports.credentials.get('default', alice.id))?.disabledAt).toBeNull();
    expect(await attempt(ports, 'alice', PASSWORDS.alice2)).toBe('ok');
  });

  it('rehashes on log-in when the stored hash has outdated parameters', async () => {
    const { ports, alice } = await setup();
    const before = await ports.credentials.get('default', alice.id);
    expect(before?.hash.startsWith('fake$v1$')).toBe(true);

    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
    expect(ports.hasher.calls.hash).toBe(0);

    ports.hasher.params = 'v2';
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
    expect(ports.hasher.calls.hash).toBe(1);
    const after = await ports.credentials.get('default', alice.id);
    expect(after?.hash.startsWith('fake$v2$')).toBe(true);
    expect(after?.temporary).toBe(before?.temporary);
    expect(after?.changedAt).toEqual(before?.changedAt);

    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
    expect(ports.hasher.calls.hash).toBe(1);
  });

  it('does not rehash after a failed attempt', async () => {
    const { ports } = await setup();
    ports.hasher.params = 'v2';
    expect(await attempt(ports, 'alice', 'wrong-password-xxxx')).toEqual(INVALID);
    expect(ports.hasher.calls.hash).toBe(0);
  });

  it('gives a change-only session for a temporary password', async () => {
    const { ports } = await setup();
    await seedUser(ports, { username: 'tempo', password: PASSWORDS.other, temporary: true });
    const result = await signIn(ports, { tenantId: 'default', username: 'tempo', password: PASSWORDS.other }, ctx);
    expect(result.passwordChangeRequired).toBe(true);
    expect(result.session.passwordChangeOnly).toBe(true);
    expect(result.user.passwordChangeRequired).toBe(true);
    const actor = await authenticate(ports, result.token);
    expect(actor.passwordChangeOnly).toBe(true);
  });

  it('writes audit events with outcome and reason, and never the password or token', async () => {
    const { ports, alice } = await setup();
    const tokens: string[] = [];
    tokens.push((await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx)).token);
    for (let i = 0; i < 6; i += 1) await attempt(ports, 'alice', PASSWORDS.alice2);
    await attempt(ports, 'alice', PASSWORDS.alice);
    await attempt(ports, 'mallory', PASSWORDS.alice3);

    const events = await auditEvents(ports);
    const logins = events.filter((e) => e.type === 'login');
    expect(logins).toContainEqual(
      expect.objectContaining({ outcome: 'success', subjectId: alice.id, reason: null, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId, dialect: 'native' }),
    );
    expect(logins).toContainEqual(expect.objectContaining({ outcome: 'failure', subjectId: alice.id, reason: 'wrong_password', actorKind: 'anonymous' }));
    expect(logins).toContainEqual(expect.objectContaining({ outcome: 'failure', subjectId: alice.id, reason: 'rate_limited' }));
    expect(logins).toContainEqual(expect.objectContaining({ outcome: 'failure', subjectId: null, reason: 'unknown_user' }));
    expect(events.filter((e) => e.type === 'account.lockout')).toMatchObject([{ subjectId: alice.id, reason: 'failures=6' }]);
    expect(logins.filter((e) => e.outcome === 'failure' && e.reason === 'wrong_password')).toHaveLength(6);
    for (const event of events) expect(event.at).toBeInstanceOf(Date);

    const serialised = JSON.stringify(events);
    for (const secret of [PASSWORDS.alice, PASSWORDS.alice2, PASSWORDS.alice3, ...tokens, 'fake$']) {
      expect(serialised).not.toContain(secret);
    }
  });

  it('refuses at once when the per-IP limiter says so, spending no hashing and no account attempt', async () => {
    const { ports } = await setup();
    ports.ipLimiter.refuseNext(42);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 42 });
    expect(ports.hasher.verifications()).toBe(0);
    expect(ports.ipLimiter.consumed).toEqual([ctx.ip]);
    expect(await ports.throttle.get('default', 'alice')).toBeUndefined();
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
  });

  it('does not consult the per-IP limiter when the caller has no address', async () => {
    const { ports } = await setup();
    ports.ipLimiter.refuseAll(10);
    await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, { ...ctx, ip: null });
    expect(ports.ipLimiter.consumed).toEqual([]);
  });

  it('refuses a new session once the user holds the maximum live sessions', async () => {
    const { ports } = await setup({ settings: { session: { ttlSeconds: 3600, idleSeconds: 1800 }, productName: 'passwarden', maxLiveSessionsPerUser: 2, breachFailOpen: false } });
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'SessionLimitReached', limit: 2 });
    // Expired sessions no longer count.
    advance(ports, 3600);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toBe('ok');
  });

  it('honours a shorter session lifetime but never a longer one', async () => {
    const { ports } = await setup();
    const now = ports.clock.now().getTime();
    const short = await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice, sessionTtlSeconds: 5 * 3600 }, ctx);
    expect(short.session.expiresAt.getTime() - now).toBe(5 * 3600 * 1000);
    const long = await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice, sessionTtlSeconds: 100 * 3600 }, ctx);
    expect(long.session.expiresAt.getTime() - now).toBe(8 * 3600 * 1000);
  });
});
