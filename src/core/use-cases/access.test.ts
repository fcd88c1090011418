// Who may call which use case: change-only sessions reach nothing but their own password, auditors
// read but never write, and members touch only themselves.
import { describe, expect, it } from 'vitest';
import type { UserActor } from '../authorization/actor.js';
import { ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser, signInAs, type TestPorts } from '../testing/fakes.js';
import { adminSetPassword } from './admin-set-password.js';
import { createUser } from './create-user.js';
import { deleteUser } from './delete-user.js';
import { getCurrentUser, getUser } from './get-user.js';
import { listAuditEvents } from './list-audit-events.js';
import { listUsers } from './list-users.js';
import { revokeUserSessions } from './revoke-user-sessions.js';
import { signOut } from './sign-out.js';
import { createTenant, listTenants } from './tenants.js';
import { unlockUser } from './unlock-user.js';
import { expirePassword } from './expire-password.js';
import { updateUser } from './update-user.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  await seedUser(ports, { username: 'watcher', password: PASSWORDS.alice2, roles: ['auditor'] });
  await seedUser(ports, { username: 'fresh', password: PASSWORDS.alice3, roles: ['admin'], temporary: true });
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice });
  return {
    ports,
    alice,
    admin: (await signInAs(ports, 'root', PASSWORDS.admin)).actor,
    auditor: (await signInAs(ports, 'watcher', PASSWORDS.alice2)).actor,
    changeOnlyAdmin: (await signInAs(ports, 'fresh', PASSWORDS.alice3)).actor,
    member: (await signInAs(ports, 'alice', PASSWORDS.alice)).actor,
  };
}

type Call = (ports: TestPorts, actor: UserActor, targetId: string) => Promise<unknown>;

const reads: Array<{ name: string; call: Call }> = [
  { name: 'getUser', call: (p, a, id) => getUser(p, a, 'default', id) },
  { name: 'listUsers', call: (p, a) => listUsers(p, a, { tenantId: 'default', limit: 10 }) },
  { name: 'listAuditEvents', call: (p, a) => listAuditEvents(p, a, 'default', { limit: 10 }) },
];

const writes: Array<{ name: string; call: Call }> = [
  { name: 'createUser', call: (p, a) => createUser(p, a, { tenantId: 'default', username: 'newcomer' }, ctx) },
  { name: 'updateUser', call: (p, a, id) => updateUser(p, a, { tenantId: 'default', userId: id, displayName: 'X' }, ctx) },
  { name: 'deleteUser', call: (p, a, id) => deleteUser(p, a, { tenantId: 'default', userId: id }, ctx) },
  { name: 'adminSetPassword', call: (p, a, id) => adminSetPassword(p, a, { tenantId: 'default', userId: id, newPassword: PASSWORDS.other }, ctx) },
  { name: 'unlockUser', call: (p, a, id) => unlockUser(p, a, { tenantId: 'default', userId: id }, ctx) },
  { name: 'expirePassword', call: (p, a, id) => expirePassword(p, a, { tenantId: 'default', userId: id }, ctx) },
  { name: 'revokeUserSessions', call: (p, a, id) => revokeUserSessions(p, a, { tenantId: 'default', userId: id }, ctx) },
  { name: 'createTenant', call: (p, a) => createTenant(p, a, { id: 'globex', name: 'Globex' }, ctx) },
];

describe('access to use cases', () => {
  it.each([...reads, ...writes])('$name: a change-only session gets PasswordChangeRequired', async ({ call }) => {
    const { ports, alice, changeOnlyAdmin } = await setup();
    expect(await rejection(call(ports, changeOnlyAdmin, alice.id))).toEqual({ kind: 'PasswordChangeRequired' });
  });

  it('a change-only session may still read itself and sign out', async () => {
    const { ports, changeOnlyAdmin } = await setup();
    expect((await getCurrentUser(ports, changeOnlyAdmin)).passwordChangeRequired).toBe(true);
    await signOut(ports, changeOnlyAdmin, ctx);
    expect(await ports.sessions.get(changeOnlyAdmin.sessionId)).toBeUndefined();
  });

  it.each(reads)('$name: an auditor may read', async ({ call }) => {
    const { ports, alice, auditor } = await setup();
    await expect(call(ports, auditor, alice.id)).resolves.toBeDefined();
  });

  it.each(writes)('$name: an auditor may not write', async ({ call }) => {
    const { ports, alice, auditor } = await setup();
    expect(await rejection(call(ports, auditor, alice.id))).toEqual({ kind: 'Forbidden', reason: 'role' });
  });

  it.each([...reads, ...writes])('$name: a member may not, even on themselves', async ({ call }) => {
    const { ports, member } = await setup();
    expect(await rejection(call(ports, member, member.userId))).toEqual({ kind: 'Forbidden', reason: 'role' });
  });

  it.each([...reads, ...writes])('$name: an administrator may', async ({ call }) => {
    const { ports, alice, admin } = await setup();
    await call(ports, admin, alice.id);
  });

  it('an administrator cannot delete themselves', async () => {
    const { ports, admin } = await setup();
    expect(await rejection(deleteUser(ports, admin, { tenantId: 'default', userId: admin.userId }, ctx))).toEqual({ kind: 'Forbidden', reason: 'self' });
  });

  it('reads never expose a hash', async () => {
    const { ports, admin, alice } = await setup();
    const seen = JSON.stringify([
      await getUser(ports, admin, 'default', alice.id),
      await listUsers(ports, admin, { tenantId: 'default', limit: 10 }),
      await listAuditEvents(ports, admin, 'default', { limit: 100 }),
      await listTenants(ports, admin),
    ]);
    expect(seen).not.toContain('fake$');
    for (const password of Object.values(PASSWORDS)) expect(seen).not.toContain(password);
  });
});
