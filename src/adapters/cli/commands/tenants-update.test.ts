import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../core/testing/fakes.js';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerTenantsCreate } from './tenants-create.js';
import { registerTenantsUpdate } from './tenants-update.js';

describe('tenants update and the policy options', () => {
  it('creates a tenant with every policy option, then changes some and keeps the rest', async () => {
    const cli = await createFakeCli();
    const created = await cli.run(registerTenantsCreate, [
      'tenants', 'create', 'acme', '--name', 'Acme',
      '--min-length', '16', '--max-length', '100', '--reject-common', 'on', '--reject-context', 'on', '--breach-check', 'off',
      '--history-depth', '5', '--min-age-seconds', '3600', '--max-age-days', '365', '--min-strength-score', '3',
      '--admin-set-temporary', 'off', '--reauthentication-window-seconds', '600',
      '--free-failures', '3', '--first-delay-seconds', '10', '--max-delay-seconds', '600', '--disable-after-failures', '50',
    ]);
    expect(cli.stderr).toEqual([]);
    expect(created).toBe(0);
    expect((await cli.ports.tenants.get('acme'))?.policy).toEqual({
      minLength: 16, maxLength: 100, rejectCommon: true, rejectContext: true, breachCheck: false, historyDepth: 5,
      minAgeSeconds: 3600, maxAgeDays: 365, minStrengthScore: 3, adminSetTemporaryByDefault: false, reauthenticationWindowSeconds: 600,
      lockout: { freeFailures: 3, firstDelaySeconds: 10, maxDelaySeconds: 600, disableAfterFailures: 50 },
    });

    const updated = await cli.run(registerTenantsUpdate, ['tenants', 'update', 'acme', '--name', 'Acme Corp', '--max-age-days', 'never', '--free-failures', '5']);
    expect(cli.stderr).toEqual([]);
    expect(updated).toBe(0);
    const tenant = await cli.ports.tenants.get('acme');
    expect(tenant).toMatchObject({ name: 'Acme Corp', policy: { maxAgeDays: null, historyDepth: 5, lockout: { freeFailures: 5, disableAfterFailures: 50 } } });
    expect((await auditEvents(cli.ports, 'acme')).map((e) => e.type)).toContain('tenant.update');
  });

  it('refuses a policy outside the bounds naming the option, and an update with nothing to change', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerTenantsUpdate, ['tenants', 'update', 'default', '--history-depth', '99', '--min-strength-score', '9'])).toBe(2);
    expect(cli.stderr.join('\n')).toMatch(/--history-depth: must be an integer from 0 to 24/);
    expect(cli.stderr.join('\n')).toMatch(/--min-strength-score: must be an integer from 0 to 4/);
    expect(await cli.run(registerTenantsUpdate, ['tenants', 'update', 'default'])).toBe(2);
    expect(cli.stderr.join('\n')).toMatch(/nothing to change/);
    expect(await cli.run(registerTenantsUpdate, ['tenants', 'update', 'default', '--breach-check', 'maybe'])).toBe(2);
    expect(await cli.run(registerTenantsUpdate, ['tenants', 'update', 'nowhere', '--name', 'X'])).toBe(1);
  });
});
