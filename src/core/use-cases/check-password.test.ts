import { describe, expect, it } from 'vitest';
import { ctx, type FakeStrengthEstimator, makePorts, PASSWORDS, rejection, seedDefaultTenant } from '../testing/fakes.js';
import { checkPassword } from './check-password.js';

async function setup(strength?: FakeStrengthEstimator) {
  const ports = makePorts(strength ? { strength } : {});
  await seedDefaultTenant(ports);
  return ports;
}

describe('checkPassword', () => {
  it('returns the estimator’s strength beside the policy’s verdict, with the username and e-mail as user inputs', async () => {
    const ports = await setup();
    const result = await checkPassword(
      ports,
      { tenantId: 'default', password: PASSWORDS.alice, username: 'alice', email: 'ghcobol@example.com' },
      ctx,
    );
    expect(result).toEqual({ acceptable: true, violations: [], strength: { score: 4, feedback: [] } });
    expect(ports.strength.calls).toEqual([
      { password: PASSWORDS.alice, userInputs: ['alice', 'ghcobol@example.com', 'ghcobol'] },
    ]);
  });

  it('estimates the NFC form, with no user inputs when none are given', async () => {
    const ports = await setup();
    await checkPassword(ports, { tenantId: 'default', password: 'cafe\u0301-orbit-lantern' }, ctx);
    expect(ports.strength.calls).toEqual([{ password: 'caf\u00e9-orbit-lantern', userInputs: [] }]);
  });

  it.each([
    ['a weak estimate does not make a policy-compliant password unacceptable', PASSWORDS.alice, 0, true],
    ['a strong estimate does not make a policy-breaking password acceptable', 'short', 4, false],
  ] as const)('%s', async (_name, password, score, acceptable) => {
    const ports = await setup({ calls: [], estimate: async () => ({ score, feedback: ['advice'] }) });
    const result = await checkPassword(ports, { tenantId: 'default', password }, ctx);
    expect(result.acceptable).toBe(acceptable);
    expect(result.strength).toEqual({ score, feedback: ['advice'] });
  });

  it('lists every policy violation and stores nothing', async () => {
    const ports = await setup();
    const result = await checkPassword(ports, { tenantId: 'default', password: 'password1234567', username: 'alice' }, ctx);
    expect(result.acceptable).toBe(false);
    expect(result.violations.map((violation) => violation.code)).toContain('common');
    expect(await ports.audit.list('default', { limit: 10 })).toMatchObject({ items: [] });
  });

  it('is rate limited per IP before any work', async () => {
    const ports = await setup();
    ports.ipLimiter.refuseNext(7);
    expect(await rejection(checkPassword(ports, { tenantId: 'default', password: PASSWORDS.alice }, ctx))).toEqual({ kind: 'RateLimited', retryAfterSeconds: 7 });
    expect(ports.strength.calls).toEqual([]);
  });

  it('does not estimate when the tenant does not exist', async () => {
    const ports = await setup();
    expect(await rejection(checkPassword(ports, { tenantId: 'nope', password: PASSWORDS.alice }, ctx))).toMatchObject({ kind: 'NotFound' });
    expect(ports.strength.calls).toEqual([]);
  });
});
