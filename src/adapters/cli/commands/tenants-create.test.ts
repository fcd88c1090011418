import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../core/testing/fakes.js';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerTenantsCreate } from './tenants-create.js';

describe('tenants create', () => {
  it('creates a tenant with the default policy, audited as the CLI operator', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'acme', '--name', 'Acme Corp'])).toBe(0);
    expect(cli.stdout).toEqual(['Created tenant acme (Acme Corp); passwords need at least 15 characters.']);
    expect(await cli.ports.tenants.get('acme')).toMatchObject({ name: 'Acme Corp', policy: { minLength: 15 } });
    expect((await auditEvents(cli.ports, 'acme'))[0]).toMatchObject({ type: 'tenant.create', actorKind: 'operator', dialect: 'cli' });
  });

  it('sets the minimum length with --min-length', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'acme', '--name', 'Acme', '--min-length', '20'])).toBe(0);
    expect((await cli.ports.tenants.get('acme'))?.policy.minLength).toBe(20);
  });

  it('reports a policy outside the bounds and a malformed id as bad usage naming the input', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'acme', '--name', 'Acme', '--min-length', '4'])).toBe(2);
    expect(cli.stderr[0]).toBe('error: invalid input:');
    expect(cli.stderr[1]).toMatch(/^ {2}- --min-length: /);
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'Not_Valid', '--name', 'X'])).toBe(2);
    expect(cli.stderr.at(-1)).toMatch(/^ {2}- <id>: must be 1 to 63 lower-case letters/);
  });

  it('reports a taken id and exits 1', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'default', '--name', 'Again'])).toBe(1);
    expect(cli.stderr).toEqual(['error: a tenant with that id already exists']);
  });

  it.each([
    [['tenants', 'create', 'acme'], /required option '--name <name>' not specified/],
    [['tenants', 'create', '--name', 'Acme'], /missing required argument 'id'/],
    [['tenants', 'create', 'acme', '--name', 'Acme', '--min-length', 'long'], /'--min-length <n>' argument 'long' is invalid/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, argv)).toBe(2);
    expect(cli.stderr[0]).toMatch(message);
    expect(cli.openings.opened).toBe(0);
  });

  it.each([['--kii-app-id', 'app'], ['--kii-app-key', 'key'], ['--kii-client-id', 'cid'], ['--kii-client-secret', 'secret']])(
    'refuses %s as not supported in this build, with exit code 2',
    async (option, value) => {
      const cli = await createFakeCli();
      expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'acme', '--name', 'Acme', option, value])).toBe(2);
      expect(cli.stderr[0]).toBe('error: Kii application settings are not supported in this build: it has no Kii dialect to use them');
      expect(await cli.ports.tenants.get('acme')).toBeUndefined();
      expect(cli.openings.opened).toBe(0);
    },
  );

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', '--help'])).toBe(0);
    const help = cli.stdout.join('\n');
    expect(help).toContain('create a tenant');
    for (const option of ['--name <name>', '--min-length <n>', '--kii-app-id <id>', '--kii-client-secret <secret>']) expect(help).toContain(option);
  });
});
