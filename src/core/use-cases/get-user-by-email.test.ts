import { describe, expect, it } from 'vitest';
import { makePorts, PASSWORDS, rejection, seedDefaultTenant, seedUser, signInAs } from '../testing/fakes.js';
import { getUserByEmail } from './get-user-by-email.js';

describe('getUserByEmail', () => {
  it('finds a user of the tenant by e-mail key for an administrator, and refuses members before looking', async () => {
    const ports = makePorts();
    await seedDefaultTenant(ports);
    await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
    const alice = await seedUser(ports, { username: 'alice', password: PASSWORDS.alice, email: 'Alice@Example.com' });
    const root = (await signInAs(ports, 'root', PASSWORDS.admin)).actor;
    const member = (await signInAs(ports, 'alice', PASSWORDS.alice)).actor;
    expect((await getUserByEmail(ports, root, 'default', 'alice@example.com')).id).toBe(alice.id);
    expect(await rejection(getUserByEmail(ports, root, 'default', 'nobody@example.com'))).toEqual({ kind: 'NotFound', resource: 'user' });
    expect(await rejection(getUserByEmail(ports, member, 'default', 'alice@example.com'))).toEqual({ kind: 'Forbidden', reason: 'role' });
  });
});
