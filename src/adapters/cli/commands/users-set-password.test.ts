import { describe, expect, it } from 'vitest';
import { auditEvents, PASSWORDS } from '../../../core/testing/fakes.js';
import { createFakeCli, seedCliUser } from '../testing/fake-cli.js';
import { registerUsersSetPassword } from './users-set-password.js';

describe('users set-password', () => {
  it('sets a temporary password by username (any case), revoking sessions, audited as the CLI operator', async () => {
    const cli = await createFakeCli();
    const alice = await seedCliUser(cli.ports, 'alice', PASSWORDS.alice);
    cli.secrets.push(PASSWORDS.alice2);
    expect(await cli.run(registerUsersSetPassword, ['users', 'set-password', 'ALICE'])).toBe(0);
    expect(cli.stdout).toEqual(['Set a temporary password for alice and revoked every session of the user.']);
    expect(cli.prompts).toEqual([{ prompt: 'New password for alice: ', options: { confirm: true } }]);
    const credential = await cli.ports.credentials.get('default', alice.id);
    expect(credential?.temporary).toBe(true);
    expect(await cli.ports.hasher.verify(credential?.hash ?? '', PASSWORDS.alice2)).toBe(true);
    const event = (await auditEvents(cli.ports)).find((e) => e.type === 'password.admin_set');
    expect(event).toMatchObject({ outcome: 'success', actorKind: 'operator', dialect: 'cli', subjectId: alice.id });
    expect(cli.output()).not.toContain(PASSWORDS.alice2);
  });

  it('sets a permanent password with --permanent', async () => {
    const cli = await createFakeCli();
    const bob = await seedCliUser(cli.ports, 'bob');
    cli.secrets.push(PASSWORDS.other);
    expect(await cli.run(registerUsersSetPassword, ['users', 'set-password', 'bob', '--permanent'])).toBe(0);
    expect(cli.stdout[0]).toContain('permanent password for bob');
    expect((await cli.ports.credentials.get('default', bob.id))?.temporary).toBe(false);
  });

  it('names the missing user without asking for a password', async () => {
    const cli = await createFakeCli();
    cli.secrets.push(PASSWORDS.alice);
    expect(await cli.run(registerUsersSetPassword, ['users', 'set-password', 'ghost', '--tenant', 'default'])).toBe(1);
    expect(cli.stderr).toEqual(['error: no user "ghost" in tenant "default"']);
    expect(cli.prompts).toEqual([]);
    expect(cli.openings).toEqual({ opened: 1, closed: 1 });
  });

  it('refuses the current password as a policy violation', async () => {
    const cli = await createFakeCli();
    await seedCliUser(cli.ports, 'alice', PASSWORDS.alice);
    cli.secrets.push(PASSWORDS.alice);
    expect(await cli.run(registerUsersSetPassword, ['users', 'set-password', 'alice'])).toBe(1);
    expect(cli.stderr).toEqual(['error: the password does not meet the policy:', '  - is the same as the current password']);
  });

  it.each([
    [['users', 'set-password'], /missing required argument 'username'/],
    [['users', 'set-password', 'alice', 'hunter2hunter2hunter2'], /too many arguments/],
    [['users', 'set-password', 'alice', '--tenant'], /option '-t, --tenant <id>' argument missing/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersSetPassword, argv)).toBe(2);
    expect(cli.stderr[0]).toMatch(message);
  });

  it('exits 2 when standard input holds no password', async () => {
    const cli = await createFakeCli();
    await seedCliUser(cli.ports, 'alice', PASSWORDS.alice);
    expect(await cli.run(registerUsersSetPassword, ['users', 'set-password', 'alice'])).toBe(2);
    expect(cli.stderr[0]).toBe('error: no password on standard input');
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersSetPassword, ['users', 'set-password', '-h'])).toBe(0);
    expect(cli.stdout.join('\n')).toContain("set a user's password");
    expect(cli.stdout.join('\n')).toContain('--permanent');
  });
});
