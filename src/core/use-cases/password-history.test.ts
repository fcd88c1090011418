import { describe, expect, it } from 'vitest';
import type { PartialPolicy } from '../credentials/password-policy.js';
import { advance, auditEvents, ctx, makePorts, PASSWORDS, rejection, seedTenant, seedUser, signInAs, type TestPorts } from '../testing/fakes.js';
import { adminSetPassword } from './admin-set-password.js';
import { changeOwnPassword } from './change-own-password.js';
import { changePasswordWithCredentials } from './change-password-with-credentials.js';

const P = [PASSWORDS.alice, PASSWORDS.alice2, PASSWORDS.alice3, 'amber-falcon-harvest-9', 'quiet-cobalt-riverbank'] as const;

async function setup(policy: PartialPolicy) {
  const ports = makePorts();
  await seedTenant(ports, { policy });
  await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  const alice = await seedUser(ports, { username: 'alice', password: P[0] });
  const admin = (await signInAs(ports, 'root', PASSWORDS.admin)).actor;
  return { ports, alice, admin };
}

async function change(ports: TestPorts, current: string, next: string) {
  const { actor } = await signInAs(ports, 'alice', current);
  return changeOwnPassword(ports, actor, { proof: { kind: 'current-password', password: current }, newPassword: next, replaceSession: true }, ctx);
}

describe('password history (historyDepth)', () => {
  it('refuses any of the last N passwords on a self change, and accepts one older than that', async () => {
    const { ports } = await setup({ historyDepth: 2 });
    await change(ports, P[0], P[1]);
    await change(ports, P[1], P[2]);
    ports.hasher.resetCalls();
    for (const old of [P[0], P[1]]) {
      expect(await rejection(change(ports, P[2], old))).toEqual({ kind: 'PasswordPolicyViolation', violations: [{ code: 'reused', historyDepth: 2 }] });
    }
    await change(ports, P[2], P[3]);
    // P[0] has now left the two remembered passwords (P[2], P[1]).
    await change(ports, P[3], P[0]);
    const failures = (await auditEvents(ports)).filter((e) => e.type === 'password.change' && e.outcome === 'failure');
    expect(failures.map((e) => e.reason)).toEqual(['password_policy', 'password_policy']);
  });

  it('costs one verification per remembered password, and none before the current password is proved', async () => {
    const { ports } = await setup({ historyDepth: 3 });
    await change(ports, P[0], P[1]);
    await change(ports, P[1], P[2]);
    const { actor } = await signInAs(ports, 'alice', P[2]);
    ports.hasher.resetCalls();
    await changeOwnPassword(ports, actor, { proof: { kind: 'current-password', password: P[3] }, newPassword: P[4], replaceSession: true }, ctx).catch(() => undefined);
    expect(ports.hasher.calls.verify).toBe(1);
    ports.hasher.resetCalls();
    await changeOwnPassword(ports, actor, { proof: { kind: 'current-password', password: P[2] }, newPassword: P[4], replaceSession: true }, ctx);
    // The current password, then the two remembered ones.
    expect(ports.hasher.calls.verify).toBe(3);
  });

  it('applies to an administrator setting the password, without the minimum age', async () => {
    const { ports, alice, admin } = await setup({ historyDepth: 3, minAgeSeconds: 3600 });
    await adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: P[1], temporary: false }, ctx);
    expect(await rejection(adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: P[0] }, ctx))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'reused', historyDepth: 3 }],
    });
    await adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: P[2] }, ctx);
  });

  it('applies to the change by username and current password', async () => {
    const { ports } = await setup({ historyDepth: 1 });
    await change(ports, P[0], P[1]);
    const input = { tenantId: 'default', username: 'alice', currentPassword: P[1], newPassword: P[0] };
    expect(await rejection(changePasswordWithCredentials(ports, input, ctx))).toEqual({ kind: 'PasswordPolicyViolation', violations: [{ code: 'reused', historyDepth: 1 }] });
    await changePasswordWithCredentials(ports, { ...input, newPassword: P[2] }, ctx);
  });

  it('keeps nothing when historyDepth is 0, and drops what was kept when it is lowered to 0', async () => {
    const { ports, alice } = await setup({ historyDepth: 0 });
    await change(ports, P[0], P[1]);
    expect(await ports.credentials.history('default', alice.id, 24)).toEqual([]);
    await change(ports, P[1], P[0]);
    const tenant = await ports.tenants.get('default');
    if (!tenant) throw new Error('no tenant');
    await ports.tenants.update({ ...tenant, policy: { ...tenant.policy, historyDepth: 2 } });
    await change(ports, P[0], P[1]);
    expect(await ports.credentials.history('default', alice.id, 24)).toHaveLength(1);
    await ports.tenants.update({ ...tenant, policy: { ...tenant.policy, historyDepth: 0 } });
    await change(ports, P[1], P[2]);
    expect(await ports.credentials.history('default', alice.id, 24)).toEqual([]);
  });
});

describe('minimum age (minAgeSeconds)', () => {
  it('refuses a self change before the minimum age, together with the other violations', async () => {
    const { ports } = await setup({ minAgeSeconds: 3600 });
    expect(await rejection(change(ports, P[0], 'short'))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [expect.objectContaining({ code: 'too_short' }), { code: 'too_soon', minAgeSeconds: 3600 }],
    });
    advance(ports, 3599);
    expect(await rejection(change(ports, P[0], P[1]))).toEqual({ kind: 'PasswordPolicyViolation', violations: [{ code: 'too_soon', minAgeSeconds: 3600 }] });
    advance(ports, 1);
    await change(ports, P[0], P[1]);
  });

  it('does not hold back replacing a temporary or expired password', async () => {
    const { ports, alice, admin } = await setup({ minAgeSeconds: 3600 });
    await adminSetPassword(ports, admin, { tenantId: 'default', userId: alice.id, newPassword: P[1] }, ctx);
    await change(ports, P[1], P[2]);
    await ports.credentials.expire('default', alice.id, ports.clock.now());
    await change(ports, P[2], P[3]);
    const input = { tenantId: 'default', username: 'alice', currentPassword: P[3], newPassword: P[4] };
    expect(await rejection(changePasswordWithCredentials(ports, input, ctx))).toEqual({ kind: 'PasswordPolicyViolation', violations: [{ code: 'too_soon', minAgeSeconds: 3600 }] });
  });
});
