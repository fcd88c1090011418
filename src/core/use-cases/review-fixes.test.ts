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
