import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser, signInAs } from '../testing/fakes.js';
import { authenticate } from './authenticate.js';
import { changePasswordWithCredentials, type ChangePasswordWithCredentialsInput } from './change-password-with-credentials.js';
import { signIn } from './sign-in.js';
import { updateUser } from './update-user.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice, email: 'ghcobol@example.com', displayName: 'Grace Hopper', temporary: true });
  ports.hasher.resetCalls();
  return { ports, alice };
}

function input(username: string, currentPassword: string, newPassword: string, tenantId = 'default'): ChangePasswordWithCredentialsInput {
  return { tenantId, username, currentPassword, newPassword };
}

describe('changePasswordWithCredentials', () => {
  it('changes the password, revokes old sessions and returns a fresh full session', async () => {
    const { ports, alice } = await setup();
    const old = await signInAs(ports, 'alice', PASSWORDS.alice);
    expect(old.actor.passwordChangeOnly).toBe(true);

    const result = await changePasswordWithCredentials(ports, input('ALICE', PASSWORDS.alice, PASSWORDS.alice2), ctx);
    expect(result.user).toMatchObject({ id: alice.id, passwordChangeRequired: false, hasPassword: true });
    expect(result.session.passwordChangeOnly).toBe(false);
    expect((await authenticate(ports, result.token)).userId).toBe(alice.id);
    expect(await rejection(authenticate(ports, old.token))).toMatchObject({ kind: 'Unauthenticated' });
    expect(await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx))).toEqual({ kind: 'InvalidCredentials' });
    expect((await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice2 }, ctx)).passwordChangeRequired).toBe(false);
  });

  it.each([
    { name: 'wrong password', username: 'alice', current: PASSWORDS.alice3 },
    { name: 'unknown user', username: 'mallory', current: PASSWORDS.alice },
    { name: 'unknown tenant', username: 'alice', current: PASSWORDS.alice, tenant: 'nowhere' },
    { name: 'current password over 1 KiB', username: 'alice', current: 'x'.repeat(1100) },
  ])('$name: InvalidCredentials after exactly one verification', async ({ username, current, tenant }) => {
    const { ports } = await setup();
    expect(await rejection(changePasswordWithCredentials(ports, input(username, current, PASSWORDS.alice2, tenant), ctx))).toEqual({
      kind: 'InvalidCredentials',
    });
    expect(ports.hasher.verifications()).toBe(1);
    expect(ports.hasher.calls.hash).toBe(0);
    expect(ports.hasher.longestInput()).toBeLessThanOrEqual(1024);
  });

  // Regression: a disabled user giving the right password got Forbidden('account_disabled'), which told
  // the caller both that the account exists and that the password was right (baseline: no enumeration).
  it.each([
    { name: 'disabled user', disable: 'user' as const },
    { name: 'disabled password', disable: 'password' as const },
  ])('$name with the right password: the same InvalidCredentials as a wrong one', async ({ disable }) => {
    const { ports, alice } = await setup();
    if (disable === 'user') await updateUser(ports, OPERATOR, { tenantId: 'default', userId: alice.id, status: 'disabled' }, ctx);
    else await ports.credentials.disable('default', alice.id, ports.clock.now());
    ports.hasher.resetCalls();
    expect(await rejection(changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice, PASSWORDS.alice2), ctx))).toEqual({
      kind: 'InvalidCredentials',
    });
    expect(ports.hasher.verifications()).toBe(1);
    expect(ports.hasher.calls.hash).toBe(0);
  });

  it('judges the new password only by what the caller sent before authentication', async () => {
    const { ports } = await setup();
    // Contains the stored e-mail local part: not revealed to a caller who has not authenticated.
    const withEmail = 'my GHCobol secret';
    expect(await rejection(changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice3, withEmail), ctx))).toEqual({ kind: 'InvalidCredentials' });
    expect(await rejection(changePasswordWithCredentials(ports, input('mallory', PASSWORDS.alice3, withEmail), ctx))).toEqual({ kind: 'InvalidCredentials' });
    // Once authenticated, the stored context applies.
    expect(await rejection(changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice, withEmail), ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'context', field: 'email', match: 'contains' }],
    });
  });

  it('reports policy failures on what the caller sent at once, for known and unknown users alike', async () => {
    const { ports } = await setup();
    const expected = {
      kind: 'PasswordPolicyViolation',
      violations: [
        { code: 'too_short', minLength: 15, actualLength: 11 },
        { code: 'context', field: 'username', match: 'contains' },
      ],
    };
    expect(await rejection(changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice3, 'alice-short'), ctx))).toEqual(expected);
    expect(await rejection(changePasswordWithCredentials(ports, input('Alice', PASSWORDS.alice3, 'alice-short'), ctx))).toEqual(expected);
    expect(ports.hasher.verifications()).toBe(0);
    const unknown = await rejection(changePasswordWithCredentials(ports, input('alice2', PASSWORDS.alice3, 'alice2-short'), ctx));
    expect(unknown).toMatchObject({ kind: 'PasswordPolicyViolation', violations: [{ code: 'too_short' }, { code: 'context', field: 'username', match: 'contains' }] });
  });

  it('refuses the current password as the new one', async () => {
    const { ports } = await setup();
    expect(await rejection(changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice, PASSWORDS.alice), ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'same_as_current' }],
    });
  });

  it.each([
    { outcome: 'committed', newPassword: PASSWORDS.alice2, rejects: undefined },
    { outcome: 'refused as the current password', newPassword: PASSWORDS.alice, rejects: 'PasswordPolicyViolation' },
  ])('leaves no counted failure once the current password matched ($outcome)', async ({ newPassword, rejects }) => {
    const { ports } = await setup();
    await ports.throttle.begin('default', 'alice', ports.clock.now(), [0]);
    const change = changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice, newPassword), ctx);
    if (rejects === undefined) await change;
    else expect((await rejection(change)).kind).toBe(rejects);
    expect(await ports.throttle.get('default', 'alice')).toBeUndefined();
  });

  it('counts failures on the log-in counter', async () => {
    const { ports } = await setup();
    for (let i = 0; i < 6; i += 1) {
      expect(await rejection(changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice3, PASSWORDS.alice2), ctx))).toEqual({
        kind: 'InvalidCredentials',
      });
    }
    expect(await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx))).toEqual({
      kind: 'RateLimited',
      retryAfterSeconds: 30,
    });
    expect(await rejection(changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice, PASSWORDS.alice2), ctx))).toEqual({
      kind: 'RateLimited',
      retryAfterSeconds: 30,
    });
  });

  it('is refused when the per-IP limiter says so', async () => {
    const { ports } = await setup();
    ports.ipLimiter.refuseNext(9);
    expect(await rejection(changePasswordWithCredentials(ports, input('alice', PASSWORDS.alice, PASSWORDS.alice2), ctx))).toEqual({
      kind: 'RateLimited',
      retryAfterSeconds: 9,
    });
  });
});
