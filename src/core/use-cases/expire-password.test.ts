import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import type { PartialPolicy } from '../credentials/password-policy.js';
import { advance, auditEvents, ctx, makePorts, PASSWORDS, rejection, seedTenant, seedUser, signInAs, type TestPorts } from '../testing/fakes.js';
import { authenticate } from './authenticate.js';
import { changeOwnPassword } from './change-own-password.js';
import { expirePassword } from './expire-password.js';
import { signIn } from './sign-in.js';

async function setup(policy: PartialPolicy = {}) {
  const ports = makePorts();
  await seedTenant(ports, { policy });
  await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice });
  const admin = (await signInAs(ports, 'root', PASSWORDS.admin)).actor;
  return { ports, alice, admin };
}

const logIn = (ports: TestPorts, password: string = PASSWORDS.alice) => signIn(ports, { tenantId: 'default', username: 'alice', password }, ctx);

describe('expirePassword', () => {
  it('revokes every session; the next log-in may only change the password, and a new password clears the expiry', async () => {
    const { ports, alice, admin } = await setup();
    const before = await logIn(ports);
    await expirePassword(ports, admin, { tenantId: 'default', userId: alice.id }, ctx);
    expect(await rejection(authenticate(ports, before.token))).toMatchObject({ kind: 'Unauthenticated' });

    const after = await logIn(ports);
    expect(after.passwordChangeRequired).toBe(true);
    expect(after.user.passwordChangeRequired).toBe(true);
    const actor = await authenticate(ports, after.token);
    expect(actor.passwordChangeOnly).toBe(true);

    await changeOwnPassword(ports, actor, { proof: { kind: 'current-password', password: PASSWORDS.alice }, newPassword: PASSWORDS.alice2, replaceSession: true }, ctx);
    expect((await ports.credentials.get('default', alice.id))?.expiredAt).toBeNull();
    expect((await logIn(ports, PASSWORDS.alice2)).passwordChangeRequired).toBe(false);

    const events = await auditEvents(ports);
    expect(events).toContainEqual(expect.objectContaining({ type: 'password.expire', outcome: 'success', actorId: admin.userId, subjectId: alice.id }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'sessions.revoke', subjectId: alice.id, reason: 'password_expire' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'login', outcome: 'success', subjectId: alice.id, reason: 'password_expired' }));
  });

  it('is for administrators of the tenant only, and names a missing user', async () => {
    const { ports, alice } = await setup();
    const { actor } = await signInAs(ports, 'alice', PASSWORDS.alice);
    expect(await rejection(expirePassword(ports, actor, { tenantId: 'default', userId: alice.id }, ctx))).toMatchObject({ kind: 'Forbidden' });
    expect(await rejection(expirePassword(ports, OPERATOR, { tenantId: 'default', userId: 'ghost' }, ctx))).toEqual({ kind: 'NotFound', resource: 'user' });
    expect((await ports.credentials.get('default', alice.id))?.expiredAt).toBeNull();
  });

  it('succeeds for a user without a password, which has nothing to expire', async () => {
    const { ports, admin } = await setup();
    const bob = await seedUser(ports, { username: 'bob' });
    await expirePassword(ports, admin, { tenantId: 'default', userId: bob.id }, ctx);
    expect((await auditEvents(ports)).at(-2)).toMatchObject({ type: 'password.expire', subjectId: bob.id, reason: 'no_password' });
  });
});

describe('maximum age (maxAgeDays) at log-in', () => {
  it('gives a change-only session once the password is older than maxAgeDays', async () => {
    const { ports } = await setup({ maxAgeDays: 90 });
    advance(ports, 90 * 86_400 - 1);
    expect((await logIn(ports)).passwordChangeRequired).toBe(false);
    advance(ports, 1);
    const result = await logIn(ports);
    expect(result.passwordChangeRequired).toBe(true);
    expect((await authenticate(ports, result.token)).passwordChangeOnly).toBe(true);
    expect((await auditEvents(ports)).at(-1)).toMatchObject({ type: 'login', reason: 'password_expired' });
  });

  it('never expires a password when maxAgeDays is null (the default)', async () => {
    const { ports } = await setup();
    advance(ports, 3650 * 86_400);
    expect((await logIn(ports)).passwordChangeRequired).toBe(false);
  });
});
