import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../credentials/password-policy.js';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser, signInAs } from '../testing/fakes.js';
import { adminSetPassword } from './admin-set-password.js';
import { changeOwnPassword } from './change-own-password.js';
import { deleteUser } from './delete-user.js';
import { signIn } from './sign-in.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice });
  const admin = (await signInAs(ports, 'root', PASSWORDS.admin)).actor;
  return { ports, alice, admin };
}

describe('rules added after review', () => {
  it('an administrator cannot use the admin route on their own password (it would skip the current password)', async () => {
    const { ports, admin } = await setup();
    expect(await rejection(adminSetPassword(ports, admin, { tenantId: 'default', userId: admin.userId, newPassword: PASSWORDS.alice2 }, ctx))).toEqual({
      kind: 'Forbidden',
      reason: 'self',
    });
  });

  it("deleting a user forgets their failure counter, so a new user of the same name starts clean", async () => {
    const { ports, alice, admin } = await setup();
    for (let i = 0; i < 6; i += 1) await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: 'wrong wrong wrong wrong' }, ctx));
    expect((await ports.throttle.get('default', 'alice'))?.failures).toBe(6);
    await deleteUser(ports, admin, { tenantId: 'default', userId: alice.id }, ctx);
    expect(await ports.throttle.get('default', 'alice')).toBeUndefined();
  });

  it('a recent log-in cannot change a password disabled after too many failures; the refusal is audited', async () => {
    const { ports, alice } = await setup();
    const { actor } = await signInAs(ports, 'alice', PASSWORDS.alice);
    await ports.credentials.disable('default', alice.id, ports.clock.now());
    const refused = await rejection(changeOwnPassword(ports, actor, { proof: { kind: 'recent-login' }, newPassword: PASSWORDS.alice2, replaceSession: false }, ctx));
    expect(refused).toEqual({ kind: 'InvalidCurrentPassword' });
    const events = await auditEvents(ports);
    expect(events.some((e) => e.type === 'password.change' && e.outcome === 'failure' && e.reason === 'password_unusable')).toBe(true);
    expect(DEFAULT_PASSWORD_POLICY.lockout.disableAfterFailures).toBe(100);
  });

  it('a recent-login change to the same password is refused and audited', async () => {
    const { ports } = await setup();
    const { actor } = await signInAs(ports, 'alice', PASSWORDS.alice);
    expect(await rejection(changeOwnPassword(ports, actor, { proof: { kind: 'recent-login' }, newPassword: PASSWORDS.alice, replaceSession: false }, ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'same_as_current' }],
    });
    expect((await auditEvents(ports)).some((e) => e.type === 'password.change' && e.reason === 'password_policy')).toBe(true);
  });
});

describe('service principals', () => {
  it('cannot be given a password, edited or deleted through the administration use cases', async () => {
    const { ports, admin } = await setup();
    const now = ports.clock.now();
    await ports.users.create(
      { id: 'svc-1', tenantId: 'default', username: '$kii-app-admin', usernameKey: '$kii-app-admin', email: null, emailKey: null, displayName: null, roles: ['admin'], status: 'active', createdAt: now, updatedAt: now },
      null,
    );
    const { updateUser } = await import('./update-user.js');
    expect(await rejection(adminSetPassword(ports, admin, { tenantId: 'default', userId: 'svc-1', newPassword: PASSWORDS.alice2 }, ctx))).toEqual({ kind: 'NotFound', resource: 'user' });
    expect(await rejection(updateUser(ports, admin, { tenantId: 'default', userId: 'svc-1', status: 'disabled' }, ctx))).toEqual({ kind: 'NotFound', resource: 'user' });
    expect(await rejection(deleteUser(ports, admin, { tenantId: 'default', userId: 'svc-1' }, ctx))).toEqual({ kind: 'NotFound', resource: 'user' });
    expect(await ports.credentials.get('default', 'svc-1')).toBeUndefined();
  });
});

describe('service principals never hold a password', () => {
  it('refuses a recent-login change of a service user, and a password log-in as one', async () => {
    const { ports } = await setup();
    const now = ports.clock.now();
    await ports.users.create(
      { id: 'svc-2', tenantId: 'default', username: '$kii-app-admin', usernameKey: '$kii-app-admin', email: null, emailKey: null, displayName: null, roles: ['admin'], status: 'active', createdAt: now, updatedAt: now },
      null,
    );
    const actor = { kind: 'user' as const, tenantId: 'default', userId: 'svc-2', sessionId: 's', roles: ['admin' as const], passwordChangeOnly: false, authenticatedAt: now, sessionOrigin: 'kii' };
    expect(await rejection(changeOwnPassword(ports, actor, { proof: { kind: 'recent-login' }, newPassword: PASSWORDS.alice2, replaceSession: false }, ctx))).toEqual({
      kind: 'Forbidden',
      reason: 'externally_managed',
    });
    expect(await ports.credentials.get('default', 'svc-2')).toBeUndefined();
    // Even with a credential planted in the store, a password log-in as the service user fails.
    await ports.credentials.commitPasswordChange({ tenantId: 'default', userId: 'svc-2', expectedVersion: null, hash: await ports.hasher.hash(PASSWORDS.alice2), temporary: false, changedAt: now, newSession: null, keepHistory: 0, auditEvents: [] });
    expect(await rejection(signIn(ports, { tenantId: 'default', username: '$kii-app-admin', password: PASSWORDS.alice2 }, ctx))).toEqual({ kind: 'InvalidCredentials' });
  });
});

describe('a password disabled after too many failures', () => {
  it('also ends every session of the user, audited', async () => {
    const { ports } = await setup();
    const tenant = await ports.tenants.get('default');
    if (!tenant) throw new Error('no tenant');
    await ports.tenants.update({ ...tenant, policy: { ...tenant.policy, lockout: { freeFailures: 100, firstDelaySeconds: 1, maxDelaySeconds: 1, disableAfterFailures: 10 } } });
    const { actor } = await signInAs(ports, 'alice', PASSWORDS.alice);
    for (let i = 0; i < 10; i += 1) {
      await rejection(changeOwnPassword(ports, actor, { proof: { kind: 'current-password', password: 'a wrong guess at the password' }, newPassword: PASSWORDS.alice2, replaceSession: true }, ctx));
    }
    expect(await ports.sessions.get(actor.sessionId)).toBeUndefined();
    const events = await auditEvents(ports);
    expect(events.some((e) => e.type === 'password.disabled')).toBe(true);
    expect(events.some((e) => e.type === 'sessions.revoke' && e.reason?.startsWith('password_disabled'))).toBe(true);
  });
});
