import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../credentials/password-policy.js';
import { createFakeBreachChecker, ctx, makePorts, PASSWORDS, rejection } from '../testing/fakes.js';
import { bootstrap } from './bootstrap.js';
import { signIn } from './sign-in.js';

describe('bootstrap', () => {
  it('creates the default tenant and an administrator with a generated, temporary password returned once', async () => {
    const ports = makePorts();
    const result = await bootstrap(ports, { adminUsername: 'admin' });
    expect(result.createdTenant).toBe(true);
    expect(result.createdAdmin).toBe(true);
    expect(result.generatedPassword).toEqual(expect.any(String));
    expect(await ports.tenants.get('default')).toMatchObject({ id: 'default', policy: DEFAULT_PASSWORD_POLICY });

    const login = await signIn(ports, { tenantId: 'default', username: 'admin', password: result.generatedPassword ?? '' }, ctx);
    expect(login.passwordChangeRequired).toBe(true);
    expect(login.user.roles).toEqual(['admin']);

    const again = await bootstrap(ports, { adminUsername: 'admin' });
    expect(again).toEqual({ createdTenant: false, createdAdmin: false, generatedPassword: null });
    // The first password still works: the second run changed nothing.
    await signIn(ports, { tenantId: 'default', username: 'admin', password: result.generatedPassword ?? '' }, ctx);
  });

  it('creates the administrator with a generated password even while the breach source is unreachable', async () => {
    const breach = createFakeBreachChecker();
    breach.failing = true;
    const ports = makePorts({ breach });
    expect((await bootstrap(ports, { adminUsername: 'admin' })).createdAdmin).toBe(true);
    expect(breach.calls).toEqual([]);
  });

  it('still asks the breach source about a password the operator gave, and fails closed without it', async () => {
    const breach = createFakeBreachChecker();
    breach.failing = true;
    const ports = makePorts({ breach });
    expect(await rejection(bootstrap(ports, { adminUsername: 'root', adminPassword: PASSWORDS.admin }))).toMatchObject({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'breach_check_unavailable' }],
    });
    expect(breach.calls).toHaveLength(1);
  });

  it('uses a password given by the operator, not temporary, and returns none', async () => {
    const ports = makePorts();
    const result = await bootstrap(ports, { adminUsername: 'root', adminPassword: PASSWORDS.admin });
    expect(result).toEqual({ createdTenant: true, createdAdmin: true, generatedPassword: null });
    expect((await signIn(ports, { tenantId: 'default', username: 'root', password: PASSWORDS.admin }, ctx)).passwordChangeRequired).toBe(false);
  });

  it('refuses an operator password that breaks the policy, listing every failure', async () => {
    const ports = makePorts();
    expect(await rejection(bootstrap(ports, { adminUsername: 'admin', adminPassword: 'admin123' }))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [
        { code: 'too_short', minLength: 15, actualLength: 8 },
        { code: 'context', field: 'username', match: 'contains' },
      ],
    });
    expect(await ports.users.anyWithRole('default', 'admin')).toBe(false);
    expect(await rejection(bootstrap(ports, { adminUsername: 'admin', adminPassword: 'passwarden-default' }))).toMatchObject({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'context', field: 'tenant', match: 'contains' }, { code: 'context', field: 'product', match: 'contains' }],
    });
  });

  it('keeps an existing default tenant and adds only the missing administrator', async () => {
    const ports = makePorts();
    await bootstrap(ports, { adminUsername: 'root', adminPassword: PASSWORDS.admin });
    const result = await bootstrap(ports, { adminUsername: 'someone-else' });
    expect(result).toEqual({ createdTenant: false, createdAdmin: false, generatedPassword: null });
    expect(await ports.users.getByUsernameKey('default', 'someone-else')).toBeUndefined();
  });

  it('is safe when two instances start at once', async () => {
    const ports = makePorts();
    const results = await Promise.all([
      bootstrap(ports, { adminUsername: 'admin', adminPassword: PASSWORDS.admin }),
      bootstrap(ports, { adminUsername: 'admin', adminPassword: PASSWORDS.admin }),
    ]);
    expect(results.filter((r) => r.createdAdmin)).toHaveLength(1);
    expect(results.filter((r) => r.createdTenant)).toHaveLength(1);
  });
});
