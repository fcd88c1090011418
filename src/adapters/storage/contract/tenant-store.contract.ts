import { describe, expect } from 'vitest';
import { at, caseRunner, expectDomainError, settle, tenant, useStore, type ContractOptions, type MakeStore } from './contract-support.js';

export function tenantStoreContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  describe('TenantStore', () => {
    const store = useStore(makeStore);
    const test = caseRunner(options);

    test('creates and reads back a tenant with its policy and millisecond timestamps', async () => {
      const created = tenant('acme', { policy: { ...tenant('x').policy, minLength: 20, lockout: { ...tenant('x').policy.lockout, freeFailures: 3 } } });
      await store().tenants.create(created);
      const read = await store().tenants.get('acme');
      expect(read).toEqual(created);
      expect(read?.createdAt.getTime()).toBe(created.createdAt.getTime());
      expect(await store().tenants.get('nope')).toBeUndefined();
    });

    test('refuses a taken id with Conflict id, even under racing creations', async () => {
      await store().tenants.create(tenant('acme'));
      await expectDomainError(store().tenants.create(tenant('acme')), { kind: 'Conflict', field: 'id' });
      const outcome = await settle(Array.from({ length: 10 }, (_, i) => store().tenants.create(tenant('race', { name: `n${i}` }))));
      expect(outcome.fulfilled).toBe(1);
      expect(outcome.conflicts).toEqual(Array.from({ length: 9 }, () => ({ kind: 'Conflict', field: 'id' })));
    });

    test('lists every tenant ordered by id', async () => {
      for (const id of ['zeta', 'acme', 'mid']) await store().tenants.create(tenant(id));
      expect((await store().tenants.list()).map((t) => t.id)).toEqual(['acme', 'mid', 'zeta']);
    });

    test('update replaces name and policy, keeps createdAt, and answers undefined when absent', async () => {
      const created = tenant('acme');
      await store().tenants.create(created);
      const changed = { ...created, name: 'Acme Inc', policy: { ...created.policy, maxLength: 200 }, createdAt: at(99_000), updatedAt: at(5000) };
      const updated = await store().tenants.update(changed);
      expect(updated).toEqual({ ...changed, createdAt: created.createdAt });
      expect(await store().tenants.get('acme')).toEqual(updated);
      expect(await store().tenants.update(tenant('ghost'))).toBeUndefined();
      expect(await store().tenants.get('ghost')).toBeUndefined();
    });

    test('hands out copies: mutating a returned or given tenant changes nothing stored', async () => {
      const created = tenant('acme');
      await store().tenants.create(created);
      created.name = 'mutated';
      created.policy.minLength = 1;
      const read = await store().tenants.get('acme');
      if (!read) throw new Error('missing');
      read.policy.lockout.freeFailures = 99;
      expect(await store().tenants.get('acme')).toEqual(tenant('acme'));
    });
  });
}
