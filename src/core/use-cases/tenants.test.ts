import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../authorization/actor.js';
import { DEFAULT_PASSWORD_POLICY } from '../credentials/password-policy.js';
import { auditEvents, ctx, makePorts, PASSWORDS, rejection, seedDefaultTenant, seedTenant, seedUser, signInAs } from '../testing/fakes.js';
import { createTenant, getTenant, listTenants, updateTenant } from './tenants.js';

async function setup() {
  const ports = makePorts();
  await seedDefaultTenant(ports);
  await seedTenant(ports, { id: 'acme', name: 'Acme' });
  await seedUser(ports, { username: 'root', password: PASSWORDS.admin, roles: ['admin'] });
  await seedUser(ports, { username: 'watcher', password: PASSWORDS.alice, roles: ['auditor'] });
  await seedUser(ports, { tenantId: 'acme', username: 'acmeadmin', password: PASSWORDS.other, roles: ['admin'] });
  return {
    ports,
    root: (await signInAs(ports, 'root', PASSWORDS.admin)).actor,
    auditor: (await signInAs(ports, 'watcher', PASSWORDS.alice)).actor,
    acmeAdmin: (await signInAs(ports, 'acmeadmin', PASSWORDS.other, 'acme')).actor,
  };
}

describe('tenants', () => {
  it('a default-tenant administrator creates a tenant with the default policy under what is given', async () => {
    const { ports, root } = await setup();
    const tenant = await createTenant(ports, root, { id: 'globex', name: 'Globex', policy: { minLength: 20, lockout: { freeFailures: 3 } } }, ctx);
    expect(tenant.policy).toEqual({ ...DEFAULT_PASSWORD_POLICY, minLength: 20, lockout: { ...DEFAULT_PASSWORD_POLICY.lockout, freeFailures: 3 } });
    expect(await ports.tenants.get('globex')).toMatchObject({ id: 'globex', name: 'Globex' });
    expect(await auditEvents(ports, 'globex')).toMatchObject([{ type: 'tenant.create', actorId: root.userId }]);
  });

  it('refuses a taken id', async () => {
    const { ports, root } = await setup();
    expect(await rejection(createTenant(ports, root, { id: 'acme', name: 'Acme 2' }, ctx))).toEqual({ kind: 'Conflict', field: 'id' });
  });

  it('refuses invalid input with pointers into the body, all at once', async () => {
    const { ports, root } = await setup();
    const detail = await rejection(
      createTenant(ports, root, { id: 'Not Valid', name: ' ', policy: { minLength: 4, lockout: { firstDelaySeconds: 0 } } }, ctx),
    );
    expect(detail.kind).toBe('RequestInvalid');
    if (detail.kind !== 'RequestInvalid') return;
    expect(detail.errors.map((e) => e.pointer)).toEqual(['/id', '/name', '/policy/minLength', '/policy/lockout/firstDelaySeconds']);
  });

  it.each([
    { policy: { minLength: 7 }, pointer: '/policy/minLength' },
    { policy: { maxLength: 1000 }, pointer: '/policy/maxLength' },
    { policy: { lockout: { disableAfterFailures: 9 } }, pointer: '/policy/lockout/disableAfterFailures' },
    { policy: { reauthenticationWindowSeconds: 1 }, pointer: '/policy/reauthenticationWindowSeconds' },
  ])('refuses a policy outside its bounds: $pointer', async ({ policy, pointer }) => {
    const { ports, root } = await setup();
    expect(await rejection(createTenant(ports, root, { id: 'globex', name: 'Globex', policy }, ctx))).toMatchObject({
      kind: 'RequestInvalid',
      errors: [{ pointer }],
    });
    expect(await ports.tenants.get('globex')).toBeUndefined();
  });

  it('updates name and policy, merging the policy over the current one', async () => {
    const { ports, root } = await setup();
    await updateTenant(ports, root, { id: 'acme', policy: { minLength: 20 } }, ctx);
    const updated = await updateTenant(ports, root, { id: 'acme', name: 'Acme Inc', policy: { lockout: { freeFailures: 10 } } }, ctx);
    expect(updated.name).toBe('Acme Inc');
    expect(updated.policy.minLength).toBe(20);
    expect(updated.policy.lockout).toEqual({ ...DEFAULT_PASSWORD_POLICY.lockout, freeFailures: 10 });
    expect(await ports.tenants.get('acme')).toMatchObject({ name: 'Acme Inc', policy: { minLength: 20 } });
  });

  it('names the settings an update changed in its audit event, and nothing of their values', async () => {
    const { ports, root } = await setup();
    await updateTenant(ports, root, { id: 'acme', policy: { minLength: 20 } }, ctx);
    await updateTenant(ports, root, { id: 'acme', name: 'Acme Inc', policy: { minLength: 20, lockout: { freeFailures: 10 } } }, ctx);
    await updateTenant(ports, root, { id: 'acme', name: 'Acme Inc' }, ctx);
    const updates = (await auditEvents(ports, 'acme')).filter((event) => event.type === 'tenant.update');
    expect(updates.map((event) => event.reason)).toEqual(['changed=policy.minLength', 'changed=name,policy.lockout.freeFailures', 'changed=nothing']);
  });

  it('refuses an update that leaves the policy invalid', async () => {
    const { ports, root } = await setup();
    expect(await rejection(updateTenant(ports, root, { id: 'acme', policy: { minLength: 100, maxLength: 64 } }, ctx))).toMatchObject({
      kind: 'RequestInvalid',
      errors: [{ pointer: '/policy/minLength' }],
    });
    expect((await ports.tenants.get('acme'))?.policy.minLength).toBe(15);
  });

  it('answers NotFound for an unknown tenant', async () => {
    const { ports, root } = await setup();
    expect(await rejection(updateTenant(ports, root, { id: 'nowhere', name: 'x' }, ctx))).toEqual({ kind: 'NotFound', resource: 'tenant' });
    expect(await rejection(getTenant(ports, root, 'nowhere'))).toEqual({ kind: 'NotFound', resource: 'tenant' });
  });

  it("refuses another tenant's administrator", async () => {
    const { ports, acmeAdmin } = await setup();
    expect(await rejection(createTenant(ports, acmeAdmin, { id: 'globex', name: 'Globex' }, ctx))).toEqual({ kind: 'Forbidden', reason: 'other_tenant' });
    expect(await rejection(updateTenant(ports, acmeAdmin, { id: 'acme', policy: { minLength: 8 } }, ctx))).toEqual({ kind: 'Forbidden', reason: 'other_tenant' });
    expect(await rejection(listTenants(ports, acmeAdmin))).toEqual({ kind: 'Forbidden', reason: 'other_tenant' });
    expect(await rejection(getTenant(ports, acmeAdmin, 'acme'))).toEqual({ kind: 'Forbidden', reason: 'other_tenant' });
  });

  it('lets a default-tenant auditor read but not write', async () => {
    const { ports, auditor } = await setup();
    expect((await listTenants(ports, auditor)).map((t) => t.id)).toEqual(['acme', 'default']);
    expect((await getTenant(ports, auditor, 'acme')).name).toBe('Acme');
    expect(await rejection(createTenant(ports, auditor, { id: 'globex', name: 'Globex' }, ctx))).toEqual({ kind: 'Forbidden', reason: 'role' });
    expect(await rejection(updateTenant(ports, auditor, { id: 'acme', name: 'x' }, ctx))).toEqual({ kind: 'Forbidden', reason: 'role' });
  });

  it('lets the operator manage tenants', async () => {
    const { ports } = await setup();
    expect((await createTenant(ports, OPERATOR, { id: 'initech', name: 'Initech' }, ctx)).id).toBe('initech');
  });
});
