import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import type { DomainErrorDetail } from '../errors.js';
import { advance, auditEvents, createFakeHasher, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser, type TestPorts } from '../testing/fakes.js';
import { updateUser } from './update-user.js';
import { verifyCredentials } from './verify-credentials.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice });
  ports.hasher.resetCalls();
  return { ports, alice };
}

async function attempt(ports: TestPorts, username: string, password: string, tenantId = 'default'): Promise<'ok' | DomainErrorDetail> {
  try {
    await verifyCredentials(ports, { tenantId, username, password }, ctx);
    return 'ok';
  } catch (error) {
    return rejection(Promise.reject(error));
  }
}

const INVALID = { kind: 'InvalidCredentials' } as const;

describe('verifyCredentials', () => {
  it('returns the user as an actor backed by no session, and stores none', async () => {
    const { ports, alice } = await setup();
    const actor = await verifyCredentials(ports, { tenantId: 'default', username: 'ALICE', password: PASSWORDS.alice }, ctx);
    expect(actor).toEqual({
      kind: 'user',
      tenantId: 'default',
      userId: alice.id,
      sessionId: '',
      roles: alice.roles,
      passwordChangeOnly: false,
      authenticatedAt: ports.clock.now(),
      sessionOrigin: 'native',
    });
    expect(await ports.sessions.countLive('default', alice.id, 'native', ports.clock.now())).toBe(0);
    expect(await ports.sessions.get('')).toBeUndefined();
    expect((await auditEvents(ports)).at(-1)).toMatchObject({ type: 'login', outcome: 'success', subjectId: alice.id, reason: 'no_session', dialect: 'native' });
  });

  it('marks the actor of a temporary password as change-only', async () => {
    const { ports } = await setup();
    await seedUser(ports, { username: 'temp', password: PASSWORDS.other, temporary: true });
    const actor = await verifyCredentials(ports, { tenantId: 'default', username: 'temp', password: PASSWORDS.other }, ctx);
    expect(actor.passwordChangeOnly).toBe(true);
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
  });

  it('shares the log-in counter: five free failures, then a wait, for unknown users too', async () => {
    for (const username of ['alice', 'mallory']) {
      const { ports } = await setup();
      for (let i = 1; i <= 6; i += 1) expect(await attempt(ports, username, `wrong-password-${i}-xxxx`)).toEqual(INVALID);
      expect(await attempt(ports, username, PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 30 });
      advance(ports, 30);
      if (username === 'alice') expect(await attempt(ports, username, PASSWORDS.alice)).toBe('ok');
    }
  });

  it('records failures as log-in failures with the reason', async () => {
    const { ports, alice } = await setup();
    await attempt(ports, 'alice', 'not-the-password-at-all');
    expect((await auditEvents(ports)).at(-1)).toMatchObject({ type: 'login', outcome: 'failure', subjectId: alice.id, reason: 'wrong_password' });
  });

  it('spends the per-IP budget', async () => {
    const { ports } = await setup();
    ports.ipLimiter.refuseNext(12);
    expect(await attempt(ports, 'alice', PASSWORDS.alice)).toEqual({ kind: 'RateLimited', retryAfterSeconds: 12 });
    expect(ports.hasher.verifications()).toBe(0);
  });

  it('rehashes a hash stored with outdated parameters', async () => {
    const { ports, alice } = await setup();
    const before = await ports.credentials.get('default', alice.id);
    const upgraded = makePorts({ store: ports.store, hasher: createFakeHasher('v2') });
    await verifyCredentials(upgraded, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);
    const after = await ports.credentials.get('default', alice.id);
    expect(after?.hash).not.toBe(before?.hash);
    expect(upgraded.hasher.isCurrent(after?.hash ?? '')).toBe(true);
  });
});
