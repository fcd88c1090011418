import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { advance, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser } from '../testing/fakes.js';
import { authenticate } from './authenticate.js';
import { deleteUser } from './delete-user.js';
import { revokeUserSessions } from './revoke-user-sessions.js';
import { signIn } from './sign-in.js';
import { signOut } from './sign-out.js';
import { updateUser } from './update-user.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice, roles: ['member', 'auditor'] });
  const { token } = await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx);
  return { ports, alice, token };
}

describe('authenticate', () => {
  it('with an expected tenant, refuses a session of another tenant as unknown, after the same reads as an unknown token', async () => {
    const { ports, token } = await setup();
    const reads: string[] = [];
    const getWithUser = ports.sessions.getWithUser.bind(ports.sessions);
    const getById = ports.users.getById.bind(ports.users);
    ports.sessions.getWithUser = (id) => (reads.push('session'), getWithUser(id));
    ports.users.getById = (tenantId, id) => (reads.push('user'), getById(tenantId, id));
    expect(await rejection(authenticate(ports, token, 'acme'))).toEqual({ kind: 'Unauthenticated', reason: 'unknown' });
    const otherTenant = reads.splice(0);
    expect(await rejection(authenticate(ports, 'no-such-token', 'acme'))).toEqual({ kind: 'Unauthenticated', reason: 'unknown' });
    expect(otherTenant).toEqual(reads);
    expect((await authenticate(ports, token, 'default')).tenantId).toBe('default');
  });

  it('resolves a token to the acting user', async () => {
    const { ports, alice, token } = await setup();
    const signedInAt = ports.clock.now();
    advance(ports, 10);
    expect(await authenticate(ports, token)).toEqual({
      kind: 'user',
      tenantId: 'default',
      userId: alice.id,
      sessionId: ports.tokens.digest(token),
      roles: ['member', 'auditor'],
      passwordChangeOnly: false,
      authenticatedAt: signedInAt,
      sessionOrigin: 'native',
    });
  });

  it.each([
    { name: 'null', token: null },
    { name: 'undefined', token: undefined },
    { name: 'empty', token: '' },
  ])('refuses a $name token as missing', async ({ token }) => {
    const { ports } = await setup();
    expect(await rejection(authenticate(ports, token))).toEqual({ kind: 'Unauthenticated', reason: 'missing' });
  });

  it('refuses an unknown token, and the stored digest used as a token', async () => {
    const { ports, token } = await setup();
    expect(await rejection(authenticate(ports, 'tok-9999'))).toEqual({ kind: 'Unauthenticated', reason: 'unknown' });
    expect(await rejection(authenticate(ports, ports.tokens.digest(token)))).toEqual({ kind: 'Unauthenticated', reason: 'unknown' });
  });

  it('refuses a session past its absolute lifetime even when in use, and forgets it', async () => {
    const { ports, token } = await setup();
    for (let elapsed = 0; elapsed < 8 * 3600 - 1200; elapsed += 1200) {
      advance(ports, 1200);
      await authenticate(ports, token);
    }
    advance(ports, 1200);
    expect(await rejection(authenticate(ports, token))).toEqual({ kind: 'Unauthenticated', reason: 'expired' });
    expect(await ports.sessions.get(ports.tokens.digest(token))).toBeUndefined();
    expect(await rejection(authenticate(ports, token))).toEqual({ kind: 'Unauthenticated', reason: 'unknown' });
  });

  it('refuses a session idle for 30 minutes', async () => {
    const { ports, token } = await setup();
    advance(ports, 1799);
    await authenticate(ports, token);
    advance(ports, 1800);
    expect(await rejection(authenticate(ports, token))).toEqual({ kind: 'Unauthenticated', reason: 'expired' });
  });

  it('keeps an active session alive by touching it', async () => {
    const { ports, token } = await setup();
    advance(ports, 1700);
    await authenticate(ports, token);
    advance(ports, 1700);
    await authenticate(ports, token);
    advance(ports, 1700);
    expect((await authenticate(ports, token)).userId).toBeDefined();
  });

  it('refreshes lastSeenAt at most once a minute', async () => {
    const { ports, token } = await setup();
    const id = ports.tokens.digest(token);
    const issuedAt = ports.clock.now();
    advance(ports, 30);
    await authenticate(ports, token);
    expect((await ports.sessions.get(id))?.lastSeenAt).toEqual(issuedAt);
    advance(ports, 30);
    await authenticate(ports, token);
    expect((await ports.sessions.get(id))?.lastSeenAt).toEqual(ports.clock.now());
  });

  it('refuses a signed-out session', async () => {
    const { ports, token } = await setup();
    await signOut(ports, await authenticate(ports, token), ctx);
    expect(await rejection(authenticate(ports, token))).toEqual({ kind: 'Unauthenticated', reason: 'unknown' });
  });

  it('refuses a session revoked by an administrator', async () => {
    const { ports, alice, token } = await setup();
    expect(await revokeUserSessions(ports, OPERATOR, { tenantId: 'default', userId: alice.id }, ctx)).toBe(1);
    expect(await rejection(authenticate(ports, token))).toMatchObject({ kind: 'Unauthenticated' });
  });

  it("refuses a disabled user's session at once", async () => {
    const { ports, alice, token } = await setup();
    await updateUser(ports, OPERATOR, { tenantId: 'default', userId: alice.id, status: 'disabled' }, ctx);
    expect(await rejection(authenticate(ports, token))).toMatchObject({ kind: 'Unauthenticated' });
  });

  it("refuses a session whose user is disabled directly in the store (sessions not revoked)", async () => {
    const { ports, alice, token } = await setup();
    await ports.users.update('default', alice.id, { status: 'disabled', updatedAt: ports.clock.now() });
    expect(await rejection(authenticate(ports, token))).toEqual({ kind: 'Unauthenticated', reason: 'revoked' });
  });

  it("refuses a deleted user's session", async () => {
    const { ports, alice, token } = await setup();
    await deleteUser(ports, OPERATOR, { tenantId: 'default', userId: alice.id }, ctx);
    expect(await rejection(authenticate(ports, token))).toMatchObject({ kind: 'Unauthenticated' });
  });

  it('reflects role changes on the next request', async () => {
    const { ports, alice, token } = await setup();
    await updateUser(ports, OPERATOR, { tenantId: 'default', userId: alice.id, roles: ['member'] }, ctx);
    expect((await authenticate(ports, token)).roles).toEqual(['member']);
  });
});
