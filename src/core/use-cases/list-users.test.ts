import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedTenant, seedUser } from '../testing/fakes.js';
import { getCurrentUser, getUser } from './get-user.js';
import { listUsers } from './list-users.js';
import { signIn } from './sign-in.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedTenant(ports, { id: 'acme', name: 'Acme' });
  const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice, email: 'alice@example.com' });
  await seedUser(ports, { username: 'Alfred', email: 'fred@example.com' });
  await seedUser(ports, { username: 'bob' });
  await seedUser(ports, { username: 'Straße' });
  await seedUser(ports, { tenantId: 'acme', username: 'alison' });
  return { ports, alice };
}

describe('listUsers', () => {
  it("lists the tenant's users by username key, one page at a time", async () => {
    const { ports } = await setup();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await listUsers(ports, OPERATOR, { tenantId: 'default', limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.username));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['Alfred', 'alice', 'bob', 'Straße']);
  });

  it('finds users by a prefix, case-insensitively', async () => {
    const { ports } = await setup();
    const names = async (q: string) => (await listUsers(ports, OPERATOR, { tenantId: 'default', limit: 10, q })).items.map((u) => u.username);
    expect(await names('AL')).toEqual(['Alfred', 'alice']);
    expect(await names('STRASS')).toEqual(['Straße']);
    expect(await names('zzz')).toEqual([]);
  });

  it("never returns another tenant's users", async () => {
    const { ports } = await setup();
    const page = await listUsers(ports, OPERATOR, { tenantId: 'acme', limit: 10 });
    expect(page.items.map((u) => u.username)).toEqual(['alison']);
  });
});

describe('getUser', () => {
  it('shows password state and a wait in force, never a hash', async () => {
    const { ports, alice } = await setup();
    for (let i = 0; i < 6; i += 1) await rejection(signIn(ports, { tenantId: 'default', username: 'alice', password: 'wrong-password-xxxx' }, ctx));
    const view = await getUser(ports, OPERATOR, 'default', alice.id);
    expect(view).toMatchObject({ hasPassword: true, passwordChangeRequired: false, passwordDisabled: false, lockedUntil: new Date(ports.clock.now().getTime() + 30_000) });
    expect(JSON.stringify(view)).not.toContain('fake$');
  });

  it("answers NotFound for another tenant's user", async () => {
    const { ports, alice } = await setup();
    expect(await rejection(getUser(ports, OPERATOR, 'acme', alice.id))).toEqual({ kind: 'NotFound', resource: 'user' });
  });

  it('getCurrentUser refuses a user deleted since', async () => {
    const { ports, alice } = await setup();
    const actor = {
      kind: 'user' as const,
      tenantId: 'default',
      userId: alice.id,
      sessionId: 'd:x',
      roles: ['member' as const],
      passwordChangeOnly: false,
      authenticatedAt: ports.clock.now(),
      sessionOrigin: 'native',
    };
    expect((await getCurrentUser(ports, actor)).id).toBe(alice.id);
    await ports.users.delete('default', alice.id);
    expect(await rejection(getCurrentUser(ports, actor))).toEqual({ kind: 'Unauthenticated', reason: 'revoked' });
  });
});
