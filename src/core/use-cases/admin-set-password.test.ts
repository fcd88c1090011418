import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedTenant, seedUser, signInAs, type TestPorts } from '../testing/fakes.js';
import { adminSetPassword } from './admin-set-password.js';
import { authenticate } from './authenticate.js';
import { signIn } from './sign-in.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedTenant(ports, { id: 'acme', name: 'Acme' });
  await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice, email: 'ghcobol@example.com' });
  await seedUser(ports, { tenantId: 'acme', username: 'acmeadmin', password: PASSWORDS.other, roles: ['admin'] });
  const admin = (await signInAs(ports, 'root', PASSWORDS.admin)).actor;
  return { ports, alice, admin };
}

async function logIn(ports: TestPorts, password: string, username = 'alice') {
  return signIn(ports, { tenantId: 'default', username, password }, ctx);
}

describe('adminSetPassword', () => {
  it('sets a temporary password by default: the next log-in may only change it', async () => {
    const { ports, alice, admin } = await setup();
    await adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2 }, ctx);
    const result = await logIn(ports, PASSWORDS.alice2);
    expect(result.passwordChangeRequired).toBe(true);
    expect((await authenticate(ports, result.token)).passwordChangeOnly).toBe(true);
    expect(await rejection(logIn(ports, PASSWORDS.alice))).toEqual({ kind: 'InvalidCredentials' });
  });

  it('sets a permanent password when told to', async () => {
    const { ports, alice, admin } = await setup();
    await adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2, temporary: false }, ctx);
    expect((await logIn(ports, PASSWORDS.alice2)).passwordChangeRequired).toBe(false);
  });

  it("follows the tenant's default when it says permanent", async () => {
    const ports = makePorts();
    await seedTenant(ports, { policy: { adminSetTemporaryByDefault: false } });
    const bob = await seedUser(ports, { username: 'bob', password: PASSWORDS.alice });
    await adminSetPassword(ports, OPERATOR, { tenantId: 'default', userId: bob.id, newPassword: PASSWORDS.alice2 }, ctx);
    expect((await logIn(ports, PASSWORDS.alice2, 'bob')).passwordChangeRequired).toBe(false);
  });

  it('revokes every session of the user', async () => {
    const { ports, alice, admin } = await setup();
    const tokens = [(await logIn(ports, PASSWORDS.alice)).token, (await logIn(ports, PASSWORDS.alice)).token];
    await adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2 }, ctx);
    for (const token of tokens) expect(await rejection(authenticate(ports, token))).toMatchObject({ kind: 'Unauthenticated' });
    expect(await auditEvents(ports)).toContainEqual(
      expect.objectContaining({ type: 'sessions.revoke', subjectId: alice.id, actorId: admin.userId, reason: 'admin_set_password' }),
    );
  });

  it('detects the current password', async () => {
    const { ports, alice, admin } = await setup();
    expect(await rejection(adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice }, ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'same_as_current' }],
    });
  });

  it("applies the policy with the target user's context", async () => {
    const { ports, alice, admin } = await setup();
    expect(
      await rejection(adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: 'ghcobol-root\u0007' }, ctx)),
    ).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'too_short', minLength: 15, actualLength: 13 }, { code: 'invalid_characters' }, { code: 'context', field: 'email', match: 'contains' }],
    });
    expect(await auditEvents(ports)).toContainEqual(expect.objectContaining({ type: 'password.admin_set', outcome: 'failure', reason: 'password_policy' }));
  });

  it('re-enables a password disabled after too many failures, and clears the counter', async () => {
    const { ports, alice, admin } = await setup();
    await ports.credentials.disable('default', alice.id, ports.clock.now());
    for (let i = 0; i < 6; i += 1) await rejection(logIn(ports, PASSWORDS.alice));
    expect(await rejection(logIn(ports, PASSWORDS.alice))).toMatchObject({ kind: 'RateLimited' });

    await adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2, temporary: false }, ctx);
    expect((await ports.credentials.get('default', alice.id))?.disabledAt).toBeNull();
    expect((await logIn(ports, PASSWORDS.alice2)).user.passwordDisabled).toBe(false);
  });

  it('gives a first password to a user who had none', async () => {
    const { ports, admin } = await setup();
    const bob = await seedUser(ports, { username: 'bob' });
    await adminSetPassword(ports, admin, { tenantId: 'default', userId: bob.id, newPassword: PASSWORDS.alice2 }, ctx);
    expect((await logIn(ports, PASSWORDS.alice2, 'bob')).user.hasPassword).toBe(true);
  });

  it('records who did it, and never the password', async () => {
    const { ports, alice, admin } = await setup();
    await adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2 }, ctx);
    const events = await auditEvents(ports);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'password.admin_set', outcome: 'success', actorId: admin.userId, actorKind: 'user', subjectId: alice.id, reason: 'temporary' }),
    );
    expect(JSON.stringify(events)).not.toContain(PASSWORDS.alice2);
  });

  describe('who may', () => {
    it('refuses a member', async () => {
      const { ports, alice } = await setup();
      await seedUser(ports, { username: 'bob', password: PASSWORDS.alice3 });
      const bob = (await signInAs(ports, 'bob', PASSWORDS.alice3)).actor;
      expect(await rejection(adminSetPassword(ports, bob, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2 }, ctx))).toEqual({
        kind: 'Forbidden',
        reason: 'role',
      });
      expect(await rejection(adminSetPassword(ports, bob, { tenantId: 'default', userId: bob.userId, newPassword: PASSWORDS.alice2 }, ctx))).toEqual({
        kind: 'Forbidden',
        reason: 'role',
      });
    });

    it("refuses another tenant's administrator, and never finds the user from there", async () => {
      const { ports, alice } = await setup();
      const acmeAdmin = (await signInAs(ports, 'acmeadmin', PASSWORDS.other, 'acme')).actor;
      expect(await rejection(adminSetPassword(ports, acmeAdmin, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2 }, ctx))).toEqual({
        kind: 'Forbidden',
        reason: 'other_tenant',
      });
      expect(await rejection(adminSetPassword(ports, acmeAdmin, { tenantId: 'acme', userId: alice.id, newPassword: PASSWORDS.alice2 }, ctx))).toEqual({
        kind: 'NotFound',
        resource: 'user',
      });
      expect((await logIn(ports, PASSWORDS.alice)).passwordChangeRequired).toBe(false);
    });

    it('refuses an administrator in a change-only session', async () => {
      const { ports, alice } = await setup();
      await seedUser(ports, { username: 'newadmin', password: PASSWORDS.alice3, roles: ['admin'], temporary: true });
      const actor = (await signInAs(ports, 'newadmin', PASSWORDS.alice3)).actor;
      expect(await rejection(adminSetPassword(ports, actor, { tenantId: 'default', userId: alice.id, newPassword: PASSWORDS.alice2 }, ctx))).toEqual({
        kind: 'PasswordChangeRequired',
      });
    });

    it('answers NotFound for an unknown user', async () => {
      const { ports, admin } = await setup();
      expect(await rejection(adminSetPassword(ports, admin, { tenantId: 'default', userId: 'nobody', newPassword: PASSWORDS.alice2 }, ctx))).toEqual({
        kind: 'NotFound',
        resource: 'user',
      });
    });
  });
});
