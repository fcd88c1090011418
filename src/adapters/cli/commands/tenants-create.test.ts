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

  const KII_ARGS = ['--kii-app-id', 'a1b2c3d4', '--kii-app-key', 'appkey-0001', '--kii-client-id', 'client-1'];

  it('binds a Kii application, reading the client secret like a password (hidden, confirmed), never from argv', async () => {
    const cli = await createFakeCli();
    cli.secrets.push('a-long-client-secret-value');
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'kiiapp', '--name', 'Kii App', ...KII_ARGS])).toBe(0);
    expect(cli.prompts).toEqual([{ prompt: 'Client secret for Kii application a1b2c3d4: ', options: { confirm: true } }]);
    expect(cli.stdout).toEqual(['Created tenant kiiapp (Kii App); passwords need at least 15 characters. It serves Kii application a1b2c3d4 at /api/apps/a1b2c3d4.']);
    const tenant = await cli.ports.tenants.getByKiiAppId('a1b2c3d4');
    expect(tenant?.kii).toMatchObject({ appId: 'a1b2c3d4', appKey: 'appkey-0001', clientId: 'client-1' });
    expect(await cli.ports.hasher.verify(tenant?.kii?.clientSecretHash ?? '', 'a-long-client-secret-value')).toBe(true);
    expect(cli.output()).not.toContain('a-long-client-secret-value');
  });

  it('refuses --kii-client-secret on the command line, pointing to standard input, with exit code 2', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'kiiapp', '--name', 'Kii', ...KII_ARGS, '--kii-client-secret', 'a-long-client-secret-value'])).toBe(2);
    expect(cli.stderr[0]).toBe(
      'error: --kii-client-secret is not accepted on the command line: give --kii-app-id and type the secret at the prompt or pipe it to standard input',
    );
    expect(await cli.ports.tenants.get('kiiapp')).toBeUndefined();
    expect(cli.openings.opened).toBe(0);
    expect(cli.prompts).toEqual([]);
  });

  it('refuses an incomplete Kii binding, naming what is missing', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'kiiapp', '--name', 'Kii', '--kii-app-id', 'a1b2c3d4'])).toBe(2);
    expect(cli.stderr[0]).toBe('error: a Kii binding needs --kii-app-key and --kii-client-id as well');
    expect(cli.openings.opened).toBe(0);
  });

  it('reports a short client secret and a taken app id', async () => {
    const cli = await createFakeCli();
    cli.secrets.push('too-short');
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'kiiapp', '--name', 'Kii', ...KII_ARGS])).toBe(2);
    expect(cli.stderr).toEqual(['error: invalid input:', '  - the client secret: must be at least 16 characters']);
    cli.secrets.push('a-long-client-secret-value', 'a-long-client-secret-value');
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'kiiapp', '--name', 'Kii', ...KII_ARGS])).toBe(0);
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', 'other', '--name', 'Other', ...KII_ARGS])).toBe(1);
    expect(cli.stderr.at(-1)).toBe('error: another tenant is already bound to that Kii application id');
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsCreate, ['tenants', 'create', '--help'])).toBe(0);
    const help = cli.stdout.join('\n');
    expect(help).toContain('create a tenant');
    for (const option of ['--name <name>', '--min-length <n>', '--kii-app-id <id>', '--kii-app-key <key>', '--kii-client-id <id>']) expect(help).toContain(option);
  });
});
