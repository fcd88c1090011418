import { describe, expect, it } from 'vitest';
import type { UserActor } from '../authorization/actor.js';
import {
  advance,
  auditEvents,
  ctx,
  makePorts,
  PASSWORDS,
  rejection,
  seedDefaultTenant,
  seedUser,
  signInAs,
  type TestPorts,
} from '../testing/fakes.js';
import { authenticate } from './authenticate.js';
import { changeOwnPassword, type ChangeOwnPasswordInput } from './change-own-password.js';
import { signIn } from './sign-in.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice, email: 'ghcobol@example.com', displayName: 'Grace Hopper' });
  const { actor, token } = await signInAs(ports, 'alice', PASSWORDS.alice);
  const other = await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);
  ports.hasher.resetCalls();
  return { ports, alice, actor, token, otherToken: other.token };
}

function withCurrent(current: string | null, newPassword: string, replaceSession = true): ChangeOwnPasswordInput {
  return { proof: { kind: 'current-password', password: current }, newPassword, replaceSession };
}

async function canSignIn(ports: TestPorts, password: string): Promise<boolean> {
  try {
    await signIn(ports, { tenantId: 'default', username: 'alice', password }, ctx);
    return true;
  } catch {
    return false;
  }
}

describe('changeOwnPassword', () => {
  it('changes the password, revokes every session and returns a replacement', async () => {
    const { ports, alice, actor, token, otherToken } = await setup();
    const replacement = await changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice2), ctx);

    expect(replacement).not.toBeNull();
    expect(replacement?.session).toMatchObject({ userId: alice.id, passwordChangeOnly: false, origin: 'native' });
    expect((await authenticate(ports, replacement?.token ?? '')).userId).toBe(alice.id);
    expect(await rejection(authenticate(ports, token))).toMatchObject({ kind: 'Unauthenticated' });
    expect(await rejection(authenticate(ports, otherToken))).toMatchObject({ kind: 'Unauthenticated' });

    expect(await canSignIn(ports, PASSWORDS.alice)).toBe(false);
    expect(await canSignIn(ports, PASSWORDS.alice2)).toBe(true);
    expect(await ports.credentials.get('default', alice.id)).toMatchObject({ temporary: false, changedAt: ports.clock.now() });

    const events = await auditEvents(ports);
    expect(events).toContainEqual(expect.objectContaining({ type: 'password.change', outcome: 'success', actorId: alice.id, subjectId: alice.id }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'sessions.revoke', outcome: 'success', subjectId: alice.id, reason: 'password_change' }));
    expect(JSON.stringify(events)).not.toContain(PASSWORDS.alice2);
  });

  it('returns no session and revokes all of them when no replacement is asked for', async () => {
    const { ports, actor, token, otherToken } = await setup();
    expect(await changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice2, false), ctx)).toBeNull();
    for (const t of [token, otherToken]) expect(await rejection(authenticate(ports, t))).toMatchObject({ kind: 'Unauthenticated' });
  });

  it('refuses a wrong current password and keeps the old one', async () => {
    const { ports, actor, token } = await setup();
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice3, PASSWORDS.alice2), ctx))).toEqual({
      kind: 'InvalidCurrentPassword',
    });
    expect(ports.hasher.verifications()).toBe(1);
    expect(ports.hasher.calls.hash).toBe(0);
    expect((await authenticate(ports, token)).userId).toBe(actor.userId);
    expect(await canSignIn(ports, PASSWORDS.alice)).toBe(true);
    expect(await auditEvents(ports)).toContainEqual(
      expect.objectContaining({ type: 'password.change', outcome: 'failure', reason: 'wrong_password', actorId: actor.userId }),
    );
  });

  it('shares the failure counter with log-in: 3 failed log-ins + 3 failed changes, then the 7th is limited', async () => {
    const { ports, actor } = await setup();
    for (let i = 0; i < 3; i += 1) {
      expect(await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: 'wrong-password-xxxx' }, ctx))).toEqual({
        kind: 'InvalidCredentials',
      });
    }
    for (let i = 0; i < 3; i += 1) {
      expect(await rejection(changeOwnPassword(ports, actor, withCurrent('wrong-password-xxxx', PASSWORDS.alice2), ctx))).toEqual({
        kind: 'InvalidCurrentPassword',
      });
    }
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice2), ctx))).toEqual({
      kind: 'RateLimited',
      retryAfterSeconds: 30,
    });
    expect(await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx))).toEqual({
      kind: 'RateLimited',
      retryAfterSeconds: 30,
    });
    advance(ports, 30);
    expect(await changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice2), ctx)).not.toBeNull();
    // The successful change cleared the counter.
    for (let i = 0; i < 5; i += 1) expect(await canSignIn(ports, 'wrong-password-xxxx')).toBe(false);
    expect(await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: 'wrong-password-xxxx' }, ctx))).toEqual({
      kind: 'InvalidCredentials',
    });
  });

  it('reports every policy violation at once, before verifying the current password', async () => {
    const { ports, actor } = await setup();
    const detail = await rejection(changeOwnPassword(ports, actor, withCurrent('wrong-password-xxxx', 'hopper\u0007'), ctx));
    expect(detail).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [
        { code: 'too_short', minLength: 15, actualLength: 7 },
        { code: 'invalid_characters' },
        { code: 'context', field: 'displayName', match: 'contains' },
      ],
    });
    expect(ports.hasher.verifications()).toBe(0);
    expect(await ports.throttle.get('default', 'alice')).toBeUndefined();
  });

  it.each([
    { name: 'stored e-mail local part', newPassword: 'my GHCobol secret', field: 'email' },
    { name: 'username', newPassword: 'xx-ALICE-xx-yyyy-zz', field: 'username' },
    { name: 'tenant id', newPassword: 'xx-default-yyyy-zz', field: 'tenant' },
    { name: 'product name', newPassword: 'xx-passwarden-yyyy', field: 'product' },
  ])('refuses a new password containing the $name', async ({ newPassword, field }) => {
    const { ports, actor } = await setup();
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, newPassword), ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'context', field, match: 'contains' }],
    });
  });

  it('refuses a common password', async () => {
    const { ports, actor } = await setup();
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, 'Password1234567'), ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'common' }],
    });
  });

  it.each([
    { name: 'identical', newPassword: PASSWORDS.alice },
    { name: 'equal after NFC', newPassword: 'same é password', current: 'same e\u0301 password' },
  ])('refuses the current password as the new one ($name)', async ({ newPassword, current }) => {
    const { ports, actor, alice } = await setup();
    if (current !== undefined) {
      await ports.credentials.commitPasswordChange({
        tenantId: 'default',
        userId: alice.id,
        expectedVersion: (await ports.credentials.get('default', alice.id))?.version ?? null,
        hash: await ports.hasher.hash(current.normalize('NFC')),
        temporary: false,
        changedAt: ports.clock.now(),
        keepHistory: 0,
        newSession: null,
        auditEvents: [],
      });
    }
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(current ?? PASSWORDS.alice, newPassword), ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'same_as_current' }],
    });
  });

  it('clears the temporary flag and gives a full session to a change-only caller', async () => {
    const { ports } = await setup();
    await seedUser(ports, { username: 'tempo', password: PASSWORDS.other, temporary: true });
    const { actor } = await signInAs(ports, 'tempo', PASSWORDS.other);
    expect(actor.passwordChangeOnly).toBe(true);
    const replacement = await changeOwnPassword(ports, actor, withCurrent(PASSWORDS.other, PASSWORDS.alice3), ctx);
    expect((await authenticate(ports, replacement?.token ?? '')).passwordChangeOnly).toBe(false);
    expect((await ports.credentials.get('default', actor.userId))?.temporary).toBe(false);
  });

  it('refuses a disabled password even when the right one is given', async () => {
    const { ports, actor } = await setup();
    await ports.credentials.disable('default', actor.userId, ports.clock.now());
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice2), ctx))).toEqual({
      kind: 'InvalidCurrentPassword',
    });
  });

  describe('recent log-in instead of the current password', () => {
    const recent = (newPassword: string): ChangeOwnPasswordInput => ({ proof: { kind: 'recent-login' }, newPassword, replaceSession: true });

    it('is accepted inside the window', async () => {
      const { ports, actor } = await setup();
      advance(ports, 300);
      expect(await changeOwnPassword(ports, actor, recent(PASSWORDS.alice2), ctx)).not.toBeNull();
      expect(await canSignIn(ports, PASSWORDS.alice2)).toBe(true);
    });

    it('is refused outside the window', async () => {
      const { ports, actor } = await setup();
      advance(ports, 301);
      expect(await rejection(changeOwnPassword(ports, actor, recent(PASSWORDS.alice2), ctx))).toEqual({
        kind: 'ReauthenticationRequired',
        maxAgeSeconds: 300,
      });
      expect(await canSignIn(ports, PASSWORDS.alice)).toBe(true);
    });

    it('still refuses the current password as the new one', async () => {
      const { ports, actor } = await setup();
      expect(await rejection(changeOwnPassword(ports, actor, recent(PASSWORDS.alice), ctx))).toEqual({
        kind: 'PasswordPolicyViolation',
        violations: [{ code: 'same_as_current' }],
      });
    });
  });

  describe('without a current password', () => {
    it('is allowed for a user who has none', async () => {
      const { ports } = await setup();
      const nopass = await seedUser(ports, { username: 'nopass' });
      const actor: UserActor = {
        kind: 'user',
        tenantId: 'default',
        userId: nopass.id,
        sessionId: 'd:external',
        roles: ['member'],
        passwordChangeOnly: false,
        authenticatedAt: ports.clock.now(),
        sessionOrigin: 'native',
      };
      expect(await changeOwnPassword(ports, actor, withCurrent(null, PASSWORDS.other), ctx)).not.toBeNull();
      expect((await signIn(ports, { tenantId: 'default', username: 'nopass', password: PASSWORDS.other }, ctx)).user.hasPassword).toBe(true);
    });

    it('is refused, and counted, for a user who has one', async () => {
      const { ports, actor } = await setup();
      expect(await rejection(changeOwnPassword(ports, actor, withCurrent(null, PASSWORDS.alice2), ctx))).toEqual({ kind: 'InvalidCurrentPassword' });
      expect(ports.hasher.verifications()).toBe(1);
      expect((await ports.throttle.get('default', 'alice'))?.failures).toBe(1);
      expect(await canSignIn(ports, PASSWORDS.alice)).toBe(true);
    });

    it('is refused for a user who has one, even with an empty string', async () => {
      const { ports, actor } = await setup();
      expect(await rejection(changeOwnPassword(ports, actor, withCurrent('', PASSWORDS.alice2), ctx))).toEqual({ kind: 'InvalidCurrentPassword' });
    });
  });

  // The attempt counted before verifying is cleared by the commit's own transaction, or, when the
  // change is refused after the current password matched, by the use case: never left standing.
  it.each([
    { outcome: 'committed', newPassword: PASSWORDS.alice2, rejects: undefined },
    { outcome: 'refused as the current password', newPassword: PASSWORDS.alice, rejects: 'PasswordPolicyViolation' },
  ])('leaves no counted failure once the current password matched ($outcome)', async ({ newPassword, rejects }) => {
    const { ports, actor } = await setup();
    await ports.throttle.begin('default', 'alice', ports.clock.now(), [0]);
    const change = changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, newPassword), ctx);
    if (rejects === undefined) await change;
    else expect((await rejection(change)).kind).toBe(rejects);
    expect(await ports.throttle.get('default', 'alice')).toBeUndefined();
  });

  it('leaves no counted failure when the commit loses its race after the current password matched', async () => {
    const { ports, actor } = await setup();
    await ports.throttle.begin('default', 'alice', ports.clock.now(), [0]);
    // Another change committed between this one's read and its write: the store answers conflict.
    ports.credentials.commitPasswordChange = async () => 'conflict';
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice2), ctx))).toEqual({ kind: 'Conflict', field: 'concurrent_update' });
    expect(await ports.throttle.get('default', 'alice')).toBeUndefined();
  });

  it('lets exactly one of two concurrent changes made from the same read win', async () => {
    const { ports, actor } = await setup();
    const results = await Promise.allSettled([
      changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice2), ctx),
      changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice3), ctx),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(await rejection(Promise.reject(rejected[0]?.reason))).toEqual({ kind: 'Conflict', field: 'concurrent_update' });
    const winner = results[0]?.status === 'fulfilled' ? PASSWORDS.alice2 : PASSWORDS.alice3;
    const loser = winner === PASSWORDS.alice2 ? PASSWORDS.alice3 : PASSWORDS.alice2;
    expect(await canSignIn(ports, winner)).toBe(true);
    expect(await canSignIn(ports, loser)).toBe(false);
  });

  // Regression: the current password of a self-service change was normalised and verified at any
  // size, against the baseline's "input over 1 KiB is refused before any normalisation or hashing".
  it('never hands a current password over 1 KiB to the hasher, and counts it as a wrong one', async () => {
    const { ports, actor } = await setup();
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent('x'.repeat(5000), PASSWORDS.alice2), ctx))).toEqual({ kind: 'InvalidCurrentPassword' });
    expect(ports.hasher.verifications()).toBe(1);
    expect(ports.hasher.longestInput()).toBeLessThanOrEqual(1024);
    expect((await ports.throttle.get('default', 'alice'))?.failures).toBe(1);
  });

  it('refuses a new password over 1 KiB as too long without hashing it', async () => {
    const { ports, actor } = await setup();
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, 'y'.repeat(5000)), ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'too_long', maxLength: 128, actualLength: 5000 }],
    });
    expect(ports.hasher.longestInput()).toBe(0);
  });

  it('is refused when the per-IP limiter says so', async () => {
    const { ports, actor } = await setup();
    ports.ipLimiter.refuseNext(7);
    expect(await rejection(changeOwnPassword(ports, actor, withCurrent(PASSWORDS.alice, PASSWORDS.alice2), ctx))).toEqual({
      kind: 'RateLimited',
      retryAfterSeconds: 7,
    });
    expect(ports.hasher.verifications()).toBe(0);
  });
});
