import { describe, expect, it } from 'vitest';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser, signInAs } from '../testing/fakes.js';
import { getUser } from './get-user.js';
import { signIn } from './sign-in.js';
import { unlockUser } from './unlock-user.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice });
  const admin = (await signInAs(ports, 'root', PASSWORDS.admin)).actor;
  return { ports, alice, admin };
}

const logIn = (ports: Awaited<ReturnType<typeof setup>>['ports'], password: string) =>
  signIn(ports, { tenantId: 'default', username: 'alice', password }, ctx);

describe('unlockUser', () => {
  it('clears the counter and the wait in force', async () => {
    const { ports, alice, admin } = await setup();
    for (let i = 0; i < 6; i += 1) await rejection(logIn(ports, 'wrong-password-xxxx'));
    expect(await rejection(logIn(ports, PASSWORDS.alice))).toEqual({ kind: 'RateLimited', retryAfterSeconds: 30 });
    expect((await getUser(ports, admin, 'default', alice.id)).lockedUntil).toEqual(new Date(ports.clock.now().getTime() + 30_000));

    await unlockUser(ports, admin, { tenantId: 'default', userId: alice.id }, ctx);
    expect((await getUser(ports, admin, 'default', alice.id)).lockedUntil).toBeNull();
    expect(await auditEvents(ports)).toContainEqual(expect.objectContaining({ type: 'account.unlock', subjectId: alice.id, actorId: admin.userId }));
    // Five free failures again.
    for (let i = 0; i < 6; i += 1) expect(await rejection(logIn(ports, 'wrong-password-xxxx'))).toEqual({ kind: 'InvalidCredentials' });
    await unlockUser(ports, admin, { tenantId: 'default', userId: alice.id }, ctx);
    expect((await logIn(ports, PASSWORDS.alice)).user.id).toBe(alice.id);
  });

  it('leaves a disabled password disabled', async () => {
    const { ports, alice, admin } = await setup();
    await ports.credentials.disable('default', alice.id, ports.clock.now());
    await unlockUser(ports, admin, { tenantId: 'default', userId: alice.id }, ctx);
    expect((await getUser(ports, admin, 'default', alice.id)).passwordDisabled).toBe(true);
    expect(await rejection(logIn(ports, PASSWORDS.alice))).toEqual({ kind: 'InvalidCredentials' });
  });

  it('is for administrators only, and answers NotFound for an unknown user', async () => {
    const { ports, alice, admin } = await setup();
    const member = (await signInAs(ports, 'alice', PASSWORDS.alice)).actor;
    expect(await rejection(unlockUser(ports, member, { tenantId: 'default', userId: alice.id }, ctx))).toEqual({ kind: 'Forbidden', reason: 'role' });
    expect(await rejection(unlockUser(ports, admin, { tenantId: 'default', userId: 'nobody' }, ctx))).toEqual({ kind: 'NotFound', resource: 'user' });
  });
});
