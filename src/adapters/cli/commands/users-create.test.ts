import { describe, expect, it } from 'vitest';
import { auditEvents, PASSWORDS } from '../../../core/testing/fakes.js';
import { usernameKey } from '../../../core/users/user.js';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerUsersCreate } from './users-create.js';

async function lookUp(cli: Awaited<ReturnType<typeof createFakeCli>>, username: string) {
  const user = await cli.ports.users.getByUsernameKey('default', usernameKey(username));
  return { user, credential: user && (await cli.ports.credentials.get('default', user.id)) };
}

describe('users create', () => {
  it('creates a user with a temporary password read as a secret, audited as the operator at the CLI', async () => {
    const cli = await createFakeCli();
    cli.secrets.push(PASSWORDS.alice);
    const code = await cli.run(registerUsersCreate, ['users', 'create', 'alice', '--email', 'alice@example.com', '--display-name', 'Alice A', '--role', 'admin', 'member']);
    expect(code).toBe(0);
    expect(cli.stdout[0]).toMatch(/^Created user alice \(id \S+\) in tenant default with roles admin, member\.$/);
    expect(cli.stdout[1]).toContain('temporary');
    expect(cli.prompts).toEqual([{ prompt: 'Password for alice: ', options: { confirm: true } }]);
    const { user, credential } = await lookUp(cli, 'alice');
    expect(user).toMatchObject({ email: 'alice@example.com', displayName: 'Alice A', roles: ['admin', 'member'] });
    expect(credential?.temporary).toBe(true);
    expect(await cli.ports.hasher.verify(credential?.hash ?? '', PASSWORDS.alice)).toBe(true);
    const [event] = (await auditEvents(cli.ports)).filter((e) => e.type === 'user.create');
    expect(event).toMatchObject({ actorKind: 'operator', dialect: 'cli', outcome: 'success' });
    expect(cli.output()).not.toContain(PASSWORDS.alice);
    expect(cli.openings).toEqual({ opened: 1, closed: 1 });
  });

  it('makes the password permanent with --permanent, in another tenant with --tenant', async () => {
    const cli = await createFakeCli();
    await cli.ports.tenants.create({ ...(await cli.ports.tenants.get('default'))!, id: 'acme', name: 'Acme' });
    cli.secrets.push(PASSWORDS.alice);
    expect(await cli.run(registerUsersCreate, ['users', 'create', 'bob', '--tenant', 'acme', '--permanent'])).toBe(0);
    const user = await cli.ports.users.getByUsernameKey('acme', 'bob');
    expect(user?.roles).toEqual(['member']);
    expect((await cli.ports.credentials.get('acme', user?.id ?? ''))?.temporary).toBe(false);
    expect(cli.stdout).toHaveLength(1);
  });

  it('creates a user without a password and asks for none with --no-password', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersCreate, ['users', 'create', 'carol', '--no-password'])).toBe(0);
    expect(cli.prompts).toEqual([]);
    expect((await lookUp(cli, 'carol')).credential).toBeUndefined();
    expect(cli.stdout[1]).toContain('no password yet');
  });

  it.each([
    [['users', 'create'], /missing required argument 'username'/],
    [['users', 'create', 'dave', '--role', 'boss'], /argument 'boss' is invalid\. Allowed choices are admin, member, auditor/],
    [['users', 'create', 'dave', '--no-password', '--permanent'], /--permanent needs a password/],
    [['users', 'create', 'dave', '--password', 'hunter2'], /unknown option '--password'/],
    [['users', 'create', 'dave', 'extra'], /too many arguments/],
  ])('refuses bad usage %j with exit code 2', async (argv, message) => {
    const cli = await createFakeCli();
    cli.secrets.push(PASSWORDS.alice);
    expect(await cli.run(registerUsersCreate, argv)).toBe(2);
    expect(cli.stderr.join('\n')).toMatch(message);
    expect(cli.openings.opened).toBe(0);
  });

  it('exits 2 when standard input holds no password', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersCreate, ['users', 'create', 'dave'])).toBe(2);
    expect(cli.stderr[0]).toBe('error: no password on standard input');
  });

  it('lists every policy violation, one per line, and exits 1', async () => {
    const cli = await createFakeCli();
    cli.secrets.push('dave');
    expect(await cli.run(registerUsersCreate, ['users', 'create', 'dave'])).toBe(1);
    expect(cli.stderr).toEqual(['error: the password does not meet the policy:', '  - is shorter than 15 characters (has 4)', '  - contains the username']);
    expect((await lookUp(cli, 'dave')).user).toBeUndefined();
  });

  it('reports input the core refuses as bad usage naming the option', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersCreate, ['users', 'create', 'dave', '--no-password', '--email', 'not-an-address'])).toBe(2);
    expect(cli.stderr).toEqual(['error: invalid input:', '  - --email: must be an e-mail address']);
  });

  it('reports a taken username and an unknown tenant in one line each', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersCreate, ['users', 'create', 'erin', '--no-password'])).toBe(0);
    expect(await cli.run(registerUsersCreate, ['users', 'create', 'ERIN', '--no-password'])).toBe(1);
    expect(await cli.run(registerUsersCreate, ['users', 'create', 'erin', '--no-password', '--tenant', 'nope'])).toBe(1);
    expect(cli.stderr).toEqual(['error: a user with that username already exists in this tenant', 'error: no such tenant']);
    expect(cli.openings).toEqual({ opened: 3, closed: 3 });
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerUsersCreate, ['users', 'create', '--help'])).toBe(0);
    const help = cli.stdout.join('\n');
    expect(help).toContain('Usage: passwarden users create [options] <username>');
    expect(help).toMatch(/first line\s+of standard input/);
    for (const option of ['--tenant <id>', '--email <address>', '--display-name <name>', '--role <role...>', '--no-password', '--permanent']) {
      expect(help).toContain(option);
    }
  });
});
