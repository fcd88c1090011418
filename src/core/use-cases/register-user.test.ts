import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant } from '../testing/fakes.js';
import { registerUser } from './register-user.js';
import { signIn } from './sign-in.js';
import { createTenant } from './tenants.js';

const KII = { appId: 'a1b2c3d4', appKey: 'appkey-0001', clientId: 'client-1', clientSecret: 'a-long-client-secret-value' };

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await createTenant(ports, OPERATOR, { id: 'kiiapp', name: 'Kii App', kii: KII }, ctx);
  return ports;
}

describe('registerUser', () => {
  it('creates a member with a permanent password that can log in at once, audited as anonymous', async () => {
    const ports = await setup();
    const user = await registerUser(ports, { tenantId: 'kiiapp', username: 'alice', password: PASSWORDS.alice, email: 'alice@example.com' }, ctx);
    expect(user).toMatchObject({ username: 'alice', email: 'alice@example.com', roles: ['member'], hasPassword: true, passwordChangeRequired: false });
    const session = await signIn(ports, { tenantId: 'kiiapp', username: 'alice', password: PASSWORDS.alice }, ctx);
    expect(session.passwordChangeRequired).toBe(false);
    expect((await auditEvents(ports, 'kiiapp')).find((e) => e.type === 'user.create' && e.subjectId === user.id)).toMatchObject({ actorKind: 'anonymous', reason: 'self_registration' });
  });

  it('refuses a password that breaks the policy, listing every rule', async () => {
    const ports = await setup();
    expect(await rejection(registerUser(ports, { tenantId: 'kiiapp', username: 'alice', password: 'short' }, ctx))).toMatchObject({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'too_short', minLength: 15 }],
    });
    expect(await ports.users.getByUsernameKey('kiiapp', 'alice')).toBeUndefined();
  });

  it('refuses a taken username or e-mail with Conflict', async () => {
    const ports = await setup();
    await registerUser(ports, { tenantId: 'kiiapp', username: 'alice', password: PASSWORDS.alice, email: 'alice@example.com' }, ctx);
    expect(await rejection(registerUser(ports, { tenantId: 'kiiapp', username: 'ALICE', password: PASSWORDS.alice2 }, ctx))).toEqual({ kind: 'Conflict', field: 'username' });
    expect(await rejection(registerUser(ports, { tenantId: 'kiiapp', username: 'bob', password: PASSWORDS.alice2, email: 'Alice@example.com' }, ctx))).toEqual({ kind: 'Conflict', field: 'email' });
  });

  it('refuses the reserved $ prefix and tenants without a Kii binding', async () => {
    const ports = await setup();
    expect(await rejection(registerUser(ports, { tenantId: 'kiiapp', username: '$kii-app-admin', password: PASSWORDS.alice }, ctx))).toMatchObject({ kind: 'RequestInvalid', errors: [{ pointer: '/username' }] });
    expect(await rejection(registerUser(ports, { tenantId: 'default', username: 'mallory', password: PASSWORDS.alice }, ctx))).toEqual({ kind: 'Forbidden', reason: 'role' });
  });
});
