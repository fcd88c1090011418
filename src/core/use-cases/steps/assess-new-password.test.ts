import { describe, expect, it } from 'vitest';
import type { PartialPolicy } from '../../credentials/password-policy.js';
import { OPERATOR as OPERATOR_ACTOR } from '../../authorization/actor.js';
import { createFakeBreachChecker, ctx, makePorts, PASSWORDS, rejection, seedTenant, TEST_SETTINGS } from '../../testing/fakes.js';
import { checkPassword } from '../check-password.js';
import { createUser } from '../create-user.js';
import { assessNewPassword, requireAcceptablePassword } from './assess-new-password.js';

const BREACHED = 'monkey-business-2019!';

async function setup(options: { policy?: PartialPolicy; failOpen?: boolean; breach?: boolean } = {}) {
  const breach = createFakeBreachChecker([BREACHED]);
  const ports = makePorts({
    breach: options.breach === false ? null : breach,
    settings: { ...TEST_SETTINGS, breachFailOpen: options.failOpen ?? false },
  });
  const tenant = await seedTenant(ports, { policy: options.policy });
  return { ports, tenant, breach };
}

describe('assessNewPassword: breached passwords', () => {
  it('refuses a password the corpus knows, asking with the NFC form', async () => {
    const { ports, tenant, breach } = await setup();
    expect(await assessNewPassword(ports, tenant, { username: 'alice' }, BREACHED)).toEqual([{ code: 'breached' }]);
    await assessNewPassword(ports, tenant, {}, 'cafe\u0301-orbit-lantern');
    expect(breach.calls).toEqual([BREACHED, 'caf\u00e9-orbit-lantern']);
  });

  it('accepts a password the corpus does not know', async () => {
    const { ports, tenant } = await setup();
    expect(await assessNewPassword(ports, tenant, { username: 'alice' }, PASSWORDS.alice)).toEqual([]);
  });

  it('places the breach answer after `common` and before `context`, with every other rule', async () => {
    const { ports, tenant } = await setup();
    ports.breach = createFakeBreachChecker(['alice-password1234567']);
    expect((await assessNewPassword(ports, tenant, { username: 'alice' }, 'alice-password1234567')).map((v) => v.code)).toEqual(['breached', 'context']);
    ports.breach = createFakeBreachChecker(['password1234567']);
    expect((await assessNewPassword(ports, tenant, {}, 'password1234567')).map((v) => v.code)).toEqual(['common', 'breached']);
  });

  it('fails closed by default: a corpus that cannot answer refuses the password with breach_check_unavailable', async () => {
    const { ports, tenant, breach } = await setup();
    breach.failing = true;
    expect(await assessNewPassword(ports, tenant, {}, PASSWORDS.alice)).toEqual([{ code: 'breach_check_unavailable' }]);
    const detail = await rejection(requireAcceptablePassword(ports, tenant, {}, PASSWORDS.alice));
    expect(detail).toEqual({ kind: 'PasswordPolicyViolation', violations: [{ code: 'breach_check_unavailable' }] });
  });

  it('fails open when the deployment says so: the failure adds nothing', async () => {
    const { ports, tenant, breach } = await setup({ failOpen: true });
    breach.failing = true;
    expect(await assessNewPassword(ports, tenant, {}, PASSWORDS.alice)).toEqual([]);
    expect(await requireAcceptablePassword(ports, tenant, {}, PASSWORDS.alice)).toBe(PASSWORDS.alice);
  });

  it('does not consult the corpus when the tenant turned breach checking off', async () => {
    const { ports, tenant, breach } = await setup({ policy: { breachCheck: false } });
    expect(await assessNewPassword(ports, tenant, {}, BREACHED)).toEqual([]);
    expect(breach.calls).toEqual([]);
  });

  it('checks nothing when the deployment has no corpus', async () => {
    const { ports, tenant } = await setup({ breach: false });
    expect(await assessNewPassword(ports, tenant, {}, BREACHED)).toEqual([]);
  });

  it('sends nothing for input refused before normalisation (over 1 KiB)', async () => {
    const { ports, tenant, breach } = await setup({ policy: { minStrengthScore: 3 } });
    expect(await assessNewPassword(ports, tenant, {}, 'x'.repeat(1025))).toEqual([{ code: 'too_long', maxLength: 128, actualLength: 1025 }]);
    expect(breach.calls).toEqual([]);
    expect(ports.strength.calls).toEqual([]);
  });

  it('applies to users created with a password', async () => {
    const { ports } = await setup();
    const detail = await rejection(createUser(ports, OPERATOR_ACTOR, { tenantId: 'default', username: 'bob', password: BREACHED }, ctx));
    expect(detail).toEqual({ kind: 'PasswordPolicyViolation', violations: [{ code: 'breached' }] });
  });
});

describe('assessNewPassword: minimum strength', () => {
  it('does not estimate when the tenant requires no minimum (the default)', async () => {
    const { ports, tenant } = await setup();
    expect(await assessNewPassword(ports, tenant, {}, PASSWORDS.alice)).toEqual([]);
    expect(ports.strength.calls).toEqual([]);
  });

  it.each([
    // The fake scores one point per 4 code points (at most 4), and 0 when a known word is inside.
    ['a score below the minimum', 'abcdefgh-ijklmn', { username: 'zed' }, [{ code: 'too_weak', minScore: 4, score: 3 }]],
    ['a score at the minimum', 'abcdefgh-ijklmnop', { username: 'zed' }, []],
    ['a password built from the owner’s name', 'quentin-orbit-lantern', { displayName: 'Quentin' }, [{ code: 'context', field: 'displayName', match: 'contains' }, { code: 'too_weak', minScore: 4, score: 0 }]],
  ] as const)('%s', async (_name, password, owner, expected) => {
    const { ports, tenant } = await setup({ policy: { minStrengthScore: 4 } });
    expect(await assessNewPassword(ports, tenant, owner, password)).toEqual(expected);
  });

  it('gives the estimator the owner’s words and the NFC form', async () => {
    const { ports, tenant } = await setup({ policy: { minStrengthScore: 2 } });
    await assessNewPassword(ports, tenant, { username: 'alice', email: 'al@example.com', displayName: 'Alice Liddell' }, 'cafe\u0301-orbit-lantern');
    expect(ports.strength.calls).toEqual([{ password: 'caf\u00e9-orbit-lantern', userInputs: ['alice', 'al@example.com', 'al', 'Alice Liddell'] }]);
  });

  it('never overrides the other rules: a strong but too short password is still refused', async () => {
    const { ports, tenant } = await setup({ policy: { minStrengthScore: 1 } });
    expect((await assessNewPassword(ports, tenant, {}, 'Zq7!xw')).map((v) => v.code)).toEqual(['too_short']);
  });

  it('is estimated once by checkPassword, which reports it as a violation', async () => {
    const { ports } = await setup({ policy: { minStrengthScore: 4 } });
    const result = await checkPassword(ports, { tenantId: 'default', password: 'abcdefgh-ijklmn' }, ctx);
    expect(result).toMatchObject({ acceptable: false, violations: [{ code: 'too_weak', minScore: 4, score: 3 }], strength: { score: 3 } });
    expect(ports.strength.calls).toHaveLength(1);
  });

  it('shows `breached` through checkPassword', async () => {
    const { ports } = await setup();
    const result = await checkPassword(ports, { tenantId: 'default', password: BREACHED }, ctx);
    expect(result).toMatchObject({ acceptable: false, violations: [{ code: 'breached' }] });
  });
});
