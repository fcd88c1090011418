import { describe, expect, it } from 'vitest';
import { makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser, signInAs } from '../testing/fakes.js';
import { getUserByUsername } from './get-user-by-username.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  const alice = await seedUser(ports, { username: 'Alice', password: PASSWORDS.alice });
  return { ports, alice, admin: (await signInAs(ports, 'root', PASSWORDS.admin)).actor, member: (await signInAs(ports, 'Alice', PASSWORDS.alice)).actor };
}

describe('getUserByUsername', () => {
  it('finds a user by username key (case-folded)', async () => {
    const { ports, admin, alice } = await setup();
    expect((await getUserByUsername(ports, admin, 'default', 'ALICE')).id).toBe(alice.id);
  });

  it('answers NotFound for an unknown username', async () => {
    const { ports, admin } = await setup();
    expect(await rejection(getUserByUsername(ports, admin, 'default', 'nobody'))).toEqual({ kind: 'NotFound', resource: 'user' });
  });

  it('refuses a member before looking anything up, whether or not the name exists', async () => {
    const { ports, member } = await setup();
    expect(await rejection(getUserByUsername(ports, member, 'default', 'root'))).toEqual({ kind: 'Forbidden', reason: 'role' });
    expect(await rejection(getUserByUsername(ports, member, 'default', 'nobody'))).toEqual({ kind: 'Forbidden', reason: 'role' });
  });
});
