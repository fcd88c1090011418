import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedTenant, seedUser, signInAs } from '../testing/fakes.js';
import { createUser, type CreateUserInput } from './create-user.js';
import { signIn } from './sign-in.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedTenant(ports, { id: 'acme', name: 'Acme' });
  return { ports };
}

function create(ports: Awaited<ReturnType<typeof setup>>['ports'], input: Partial<CreateUserInput> & { username: string }) {
  return createUser(ports, OPERATOR, { tenantId: 'default', ...input }, ctx);
}

describe('createUser', () => {
  it('creates a user with a temporary password by default and returns its view, never a hash', async () => {
    const { ports } = await setup();
    const view = await create(ports, { username: 'Alice', email: 'alice@example.com', displayName: 'Alice A.', password: PASSWORDS.alice });
    expect(view).toMatchObject({
      tenantId: 'default',
      username: 'Alice',
      usernameKey: 'alice',
      email: 'alice@example.com',
      displayName: 'Alice A.',
      roles: ['member'],
      status: 'active',
      hasPassword: true,
      passwordChangeRequired: true,
      passwordChangedAt: ports.clock.now(),
      lockedUntil: null,
      passwordDisabled: false,
    });
    expect(JSON.stringify(view)).not.toContain('fake$');
    expect((await signIn(ports, { tenantId: 'default', username: 'alice', password: PASSWORDS.alice }, ctx)).passwordChangeRequired).toBe(true);
    expect(await auditEvents(ports)).toContainEqual(expect.objectContaining({ type: 'user.create', subjectId: view.id, actorKind: 'operator', reason: 'temporary_password' }));
  });

  it("follows the tenant's policy for whether a given password is temporary", async () => {
    const { ports } = await setup();
    await seedTenant(ports, { id: 'relaxed', name: 'Relaxed', policy: { adminSetTemporaryByDefault: false } });
    expect((await create(ports, { tenantId: 'relaxed', username: 'bob', password: PASSWORDS.alice })).passwordChangeRequired).toBe(false);
    expect((await create(ports, { tenantId: 'relaxed', username: 'carol', password: PASSWORDS.alice, temporary: true })).passwordChangeRequired).toBe(true);
    expect((await create(ports, { username: 'dave', password: PASSWORDS.alice, temporary: false })).passwordChangeRequired).toBe(false);
  });

  it('creates a user without a password', async () => {
    const { ports } = await setup();
    const view = await create(ports, { username: 'bob' });
    expect(view).toMatchObject({ hasPassword: false, passwordChangeRequired: false, passwordChangedAt: null });
    expect(await ports.credentials.get('default', view.id)).toBeUndefined();
  });

  it('stores the username in NFC', async () => {
    const { ports } = await setup();
    expect((await create(ports, { username: 'Rene\u0301' })).username).toBe('René');
  });

  it('de-duplicates roles', async () => {
    const { ports } = await setup();
    expect((await create(ports, { username: 'bob', roles: ['admin', 'admin', 'auditor'] })).roles).toEqual(['admin', 'auditor']);
  });

  it.each([
    { name: 'same username', first: 'alice', second: 'alice' },
    { name: 'other case', first: 'alice', second: 'ALICE' },
    { name: 'sharp s against ss', first: 'Straße', second: 'STRASSE' },
    { name: 'composed against decomposed', first: 'René', second: 'Rene\u0301' },
  ])('refuses a taken username: $name', async ({ first, second }) => {
    const { ports } = await setup();
    await create(ports, { username: first });
    expect(await rejection(create(ports, { username: second, password: PASSWORDS.other }))).toEqual({ kind: 'Conflict', field: 'username' });
  });

  it('refuses a taken e-mail, case-insensitively', async () => {
    const { ports } = await setup();
    await create(ports, { username: 'alice', email: 'alice@example.com' });
    expect(await rejection(create(ports, { username: 'alice2', email: 'ALICE@example.com' }))).toEqual({ kind: 'Conflict', field: 'email' });
  });

  it('lets two tenants have the same username', async () => {
    const { ports } = await setup();
    await create(ports, { username: 'alice' });
    expect((await create(ports, { username: 'alice', tenantId: 'acme' })).tenantId).toBe('acme');
  });

  it('of two racing creations of one username, exactly one wins', async () => {
    const { ports } = await setup();
    const results = await Promise.allSettled([create(ports, { username: 'alice' }), create(ports, { username: 'Alice' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses invalid fields all at once', async () => {
    const { ports } = await setup();
    const detail = await rejection(create(ports, { username: ' alice', email: 'not-an-email', displayName: 'x\u0000' }));
    expect(detail.kind).toBe('RequestInvalid');
    if (detail.kind !== 'RequestInvalid') return;
    expect(detail.errors.map((e) => e.pointer)).toEqual(['/username', '/email', '/displayName']);
  });

  it.each([
    { name: 'empty username', input: { username: '' }, pointer: '/username' },
    { name: 'username with a control character', input: { username: 'al\u0007ice' }, pointer: '/username' },
    { name: 'invalid e-mail', input: { username: 'alice', email: 'alice@' }, pointer: '/email' },
  ])('refuses $name', async ({ input, pointer }) => {
    const { ports } = await setup();
    expect(await rejection(create(ports, input))).toMatchObject({ kind: 'RequestInvalid', errors: [{ pointer }] });
  });

  it("applies the password policy with the new user's context, and creates nothing", async () => {
    const { ports } = await setup();
    expect(await rejection(create(ports, { username: 'alice', email: 'ghcobol@example.com', password: 'my ghcobol password' }))).toEqual({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'context', field: 'email', match: 'contains' }],
    });
    expect(await rejection(create(ports, { username: 'alice', password: 'short' }))).toMatchObject({
      kind: 'PasswordPolicyViolation',
      violations: [{ code: 'too_short' }],
    });
    expect(await ports.users.getByUsernameKey('default', 'alice')).toBeUndefined();
  });

  it('answers NotFound for an unknown tenant', async () => {
    const { ports } = await setup();
    expect(await rejection(create(ports, { username: 'alice', tenantId: 'nowhere' }))).toEqual({ kind: 'NotFound', resource: 'tenant' });
  });

  it('is for administrators of the tenant only', async () => {
    const { ports } = await setup();
    await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
    await seedUser(ports, { username: 'member', password: PASSWORDS.alice });
    await seedUser(ports, { username: 'audit', password: PASSWORDS.other, roles: ['auditor'] });
    const admin = (await signInAs(ports, 'root', PASSWORDS.admin)).actor;
    const member = (await signInAs(ports, 'member', PASSWORDS.alice)).actor;
    const auditor = (await signInAs(ports, 'audit', PASSWORDS.other)).actor;
    expect((await createUser(ports, admin, { tenantId: 'default', username: 'new1' }, ctx)).username).toBe('new1');
    expect(await rejection(createUser(ports, member, { tenantId: 'default', username: 'new2' }, ctx))).toEqual({ kind: 'Forbidden', reason: 'role' });
    expect(await rejection(createUser(ports, auditor, { tenantId: 'default', username: 'new3' }, ctx))).toEqual({ kind: 'Forbidden', reason: 'role' });
    expect(await rejection(createUser(ports, admin, { tenantId: 'acme', username: 'new4' }, ctx))).toEqual({ kind: 'Forbidden', reason: 'other_tenant' });
  });
});
