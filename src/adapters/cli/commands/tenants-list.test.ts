import { describe, expect, it } from 'vitest';
import { seedTenant } from '../../../core/testing/fakes.js';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerTenantsList } from './tenants-list.js';

describe('tenants list', () => {
  it('prints a table ordered by id', async () => {
    const cli = await createFakeCli();
    await seedTenant(cli.ports, { id: 'acme', name: 'Acme Corp', policy: { minLength: 20 } });
    expect(await cli.run(registerTenantsList, ['tenants', 'list'])).toBe(0);
    expect(cli.stdout).toEqual([
      'ID       NAME       MIN-LENGTH  CREATED',
      'acme     Acme Corp  20          2026-01-01T00:00:00.000Z',
      'default  Default    15          2026-01-01T00:00:00.000Z',
    ]);
    expect(cli.openings).toEqual({ opened: 1, closed: 1 });
  });

  it('prints JSON with --json', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsList, ['tenants', 'list', '--json'])).toBe(0);
    const tenants = JSON.parse(cli.stdout.join('\n')) as { id: string; policy: { minLength: number } }[];
    expect(tenants).toMatchObject([{ id: 'default', policy: { minLength: 15 } }]);
  });

  it('refuses an argument with exit code 2', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsList, ['tenants', 'list', 'acme'])).toBe(2);
    expect(cli.stderr[0]).toMatch(/too many arguments/);
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsList, ['tenants', 'list', '--help'])).toBe(0);
    expect(cli.stdout.join('\n')).toContain('list every tenant');
  });
});
