import { describe, expect, it } from 'vitest';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedTenant, seedUser, signInAs } from '../testing/fakes.js';
import { authenticate } from './authenticate.js';
import { signIn } from './sign-in.js';
import { updateUser } from './update-user.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedTenant(ports, { id: 'acme', name: 'Acme' });
  const root = await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice, email: 'alice@example.com' });
  await seedUser(ports, { tenantId: 'acme', username: 'acmeadmin', password: PASSWORDS.other, roles: ['admin'] });
  const admin = (await signInAs(ports, 'root', PASSWORDS.admin)).actor;
  return { ports, root, alice, admin };
}

describe('updateUser', () => {
  it('updates e-mail, display name and roles', async () => {
    const { ports, alice, admin } = await setup();
    const view = await updateUser(
      ports,
      admin,
      { tenantId: 'default', userId: alice.id, email: 'Alice@Elsewhere.org', displayName: 'Alice B.', roles: ['member', 'auditor', 'auditor'] },
      ctx,
    );
    expect(view).toMatchObject({ email: 'Alice@Elsewhere.org', emailKey: 'alice@elsewhere.org', displayName: 'Alice B.', roles: ['member', 'auditor'] });
    expect(await ports.users.getById('default', alice.id)).toMatchObject({ displayName: 'Alice B.' });
    expect(await auditEvents(ports)).toContainEqual(expect.objectContaining({ type: 'user.update', subjectId: alice.id, actorId: admin.userId }));
  });

  it('disabling revokes every session and refuses log-in', async () => {
    const { ports, alice, admin } = await setup();
    const { token } = await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);
    const view = await updateUser(ports, admin, { tenantId: 'default', userId: alice.id, status: 'disabled' }, ctx);
    expect(view.status).toBe('disabled');
    expect(await ports.sessions.get(ports.tokens.digest(token))).toBeUndefined();
    expect(await rejection(authenticate(ports, token))).toMatchObject({ kind: 'Unauthenticated' });
    expect(await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx))).toEqual({ kind: 'InvalidCredentials' });
    expect(await auditEvents(ports)).toContainEqual(expect.objectContaining({ type: 'sessions.revoke', subjectId: alice.id, reason: 'user_disabled' }));

    await updateUser(ports, admin, { tenantId: 'default', userId: alice.id, status: 'active' }, ctx);
    expect((await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx)).user.status).toBe('active');
  });

  it('refuses an administrator demoting or disabling themselves', async () => {
    const { ports, root, admin } = await setup();
    expect(await rejection(updateUser(ports, admin, { tenantId: 'default', userId: root.id, roles: ['member'] }, ctx))).toEqual({ kind: 'Forbidden', reason: 'self' });
    expect(await rejection(updateUser(ports, admin, { tenantId: 'default', userId: root.id, status: 'disabled' }, ctx))).toEqual({ kind: 'Forbidden', reason: 'self' });
    expect((await updateUser(ports, admin, { tenantId: 'default', userId: root.id, roles: ['admin', 'auditor'] }, ctx)).roles).toEqual(['admin', 'auditor']);
    expect((await ports.users.getById('default', root.id))?.status).toBe('active');
  });

  it('refuses a taken e-mail', async () => {
    const { ports, admin } = await setup();
    const bob = await seedUser(ports, { username: 'bob' });
    expect(await rejection(updateUser(ports, admin, { tenantId: 'default', userId: bob.id, email: 'ALICE@example.com' }, ctx))).toEqual({
      kind: 'Conflict',
      field: 'email',
    });
  });

  it('refuses an invalid e-mail', async () => {
    const { ports, alice, admin } = await setup();
    expect(await rejection(updateUser(ports, admin, { tenantId: 'default', userId: alice.id, email: 'nope' }, ctx))).toMatchObject({
      kind: 'RequestInvalid',
      errors: [{ pointer: '/email' }],
    });
  });

  it('is for administrators of the tenant only', async () => {
    const { ports, alice } = await setup();
    const member = (await signInAs(ports, 'alice', PASSWORDS.alice)).actor;
    const acmeAdmin = (await signInAs(ports, 'acmeadmin', PASSWORDS.other, 'acme')).actor;
    expect(await rejection(updateUser(ports, member, { tenantId: 'default', userId: alice.id, roles: ['admin'] }, ctx))).toEqual({ kind: 'Forbidden', reason: 'role' });
    expect(await rejection(updateUser(ports, acmeAdmin, { tenantId: 'default', userId: alice.id, status: 'disabled' }, ctx))).toEqual({
      kind: 'Forbidden',
      reason: 'other_tenant',
    });
    expect(await rejection(updateUser(ports, acmeAdmin, { tenantId: 'acme', userId: alice.id, status: 'disabled' }, ctx))).toEqual({ kind: 'NotFound', resource: 'user' });
    expect((await ports.users.getById('default', alice.id))?.roles).toEqual(['member']);
  });
});
