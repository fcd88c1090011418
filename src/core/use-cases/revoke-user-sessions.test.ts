import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser, signInAs } from '../testing/fakes.js';
import { authenticate } from './authenticate.js';
import { deleteUser } from './delete-user.js';
import { listAuditEvents } from './list-audit-events.js';
import { revokeUserSessions } from './revoke-user-sessions.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice });
  const bob = await seedUser(ports, { username: 'bob', password: PASSWORDS.other });
  return { ports, alice, bob };
}

describe('revokeUserSessions', () => {
  it("ends every session of the user and no one else's", async () => {
    const { ports, alice } = await setup();
    const a1 = await signInAs(ports, 'alice', PASSWORDS.alice);
    const a2 = await signInAs(ports, 'alice', PASSWORDS.alice);
    const b = await signInAs(ports, 'bob', PASSWORDS.other);
    expect(await revokeUserSessions(ports, OPERATOR, { tenantId: 'default', userId: alice.id }, ctx)).toBe(2);
    for (const token of [a1.token, a2.token]) expect(await rejection(authenticate(ports, token))).toMatchObject({ kind: 'Unauthenticated' });
    expect((await authenticate(ports, b.token)).userId).toBe(b.actor.userId);
    expect(await auditEvents(ports)).toContainEqual(expect.objectContaining({ type: 'sessions.revoke', subjectId: alice.id, reason: 'count=2' }));
  });
});

describe('signOut', () => {
  it("ends only the caller's session", async () => {
    const { ports } = await setup();
    const a1 = await signInAs(ports, 'alice', PASSWORDS.alice);
    const a2 = await signInAs(ports, 'alice', PASSWORDS.alice);
    await signOut(ports, a1.actor, ctx);
    expect(await rejection(authenticate(ports, a1.token))).toEqual({ kind: 'Unauthenticated', reason: 'unknown' });
    expect((await authenticate(ports, a2.token)).userId).toBe(a2.actor.userId);
    expect(await auditEvents(ports)).toContainEqual(expect.objectContaining({ type: 'logout', actorId: a1.actor.userId }));
  });
});

describe('deleteUser', () => {
  it('removes the user with their password and sessions', async () => {
    const { ports, alice } = await setup();
    const { token } = await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);
    await deleteUser(ports, OPERATOR, { tenantId: 'default', userId: alice.id }, ctx);
    expect(await ports.users.getById('default', alice.id)).toBeUndefined();
    expect(await ports.credentials.get('default', alice.id)).toBeUndefined();
    expect(await ports.sessions.get(ports.tokens.digest(token))).toBeUndefined();
    expect(await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx))).toEqual({ kind: 'InvalidCredentials' });
    expect(await rejection(deleteUser(ports, OPERATOR, { tenantId: 'default', userId: alice.id }, ctx))).toEqual({ kind: 'NotFound', resource: 'user' });
  });
});

describe('listAuditEvents', () => {
  it('filters by user and type, newest first', async () => {
    const { ports, alice, bob } = await setup();
    await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);
    ports.clock.advance(1000);
    await signIn(ports, { tenantId: 'default', username: 'bob', password: PASSWORDS.other }, ctx);
    ports.clock.advance(1000);
    await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: 'wrong-password-xxxx' }, ctx));
    const aliceLogins = await listAuditEvents(ports, OPERATOR, 'default', { userId: alice.id, type: 'login', limit: 10 });
    expect(aliceLogins.items.map((e) => e.outcome)).toEqual(['failure', 'success']);
    const all = await listAuditEvents(ports, OPERATOR, 'default', { type: 'login', limit: 10 });
    expect(all.items.map((e) => e.subjectId)).toEqual([alice.id, bob.id, alice.id]);
  });
});
