import { describe, expect } from 'vitest';
import type { PasswordChange } from '../../../core/ports/credential-store.js';
import type { User } from '../../../core/users/user.js';
import { at, caseRunner, credential, seedUser, session, tenant, user, useStore, type ContractOptions, type MakeStore } from './contract-support.js';

const never = () => 0;

function change(u: User, expectedVersion: number | null, overrides: Partial<PasswordChange> = {}): PasswordChange {
  return { tenantId: u.tenantId, userId: u.id, expectedVersion, hash: '$argon2id$new', temporary: false, changedAt: at(1000), newSession: null, ...overrides };
}

export function credentialStoreContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  describe('CredentialStore', () => {
    const store = useStore(makeStore);
    const test = caseRunner(options);

    test('commitPasswordChange compare-and-sets the version and clears a disabled state', async () => {
      const alice = await seedUser(store());
      await store().credentials.disable('acme', alice.id, at(5));
      expect(await store().credentials.commitPasswordChange(change(alice, 1))).toBe('conflict');
      expect(await store().credentials.commitPasswordChange(change(alice, 2, { temporary: true }))).toBe('committed');
      expect(await store().credentials.get('acme', alice.id)).toEqual({
        ...credential(alice),
        hash: '$argon2id$new',
        temporary: true,
        changedAt: at(1000),
        disabledAt: null,
        version: 3,
      });
      expect(await store().credentials.commitPasswordChange(change(alice, 2))).toBe('conflict');
      expect((await store().credentials.get('acme', alice.id))?.temporary).toBe(true);
    });

    test('of 10 racing commits made from the same read, exactly one commits', async () => {
      const alice = await seedUser(store());
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store().credentials.commitPasswordChange(change(alice, 1, { hash: `h${i}`, newSession: session(alice, `s${i}`) }))),
      );
      expect(outcomes.filter((o) => o === 'committed')).toHaveLength(1);
      const winner = outcomes.indexOf('committed');
      expect(await store().credentials.get('acme', alice.id)).toMatchObject({ hash: `h${winner}`, version: 2 });
      for (let i = 0; i < 10; i++) expect(await store().sessions.get(`s${i}`)).toEqual(i === winner ? session(alice, `s${i}`) : undefined);
    });

    test('with expectedVersion null, sets a first credential and refuses when one exists', async () => {
      await store().tenants.create(tenant('acme'));
      const bob = user('acme', 'u-bob', 'bob');
      await store().users.create(bob, null);
      expect(await store().credentials.commitPasswordChange(change(bob, 1))).toBe('conflict');
      expect(await store().credentials.commitPasswordChange(change(bob, null))).toBe('committed');
      expect((await store().credentials.get('acme', bob.id))?.version).toBe(1);
      expect(await store().credentials.commitPasswordChange(change(bob, null))).toBe('conflict');
    });

    test('a commit for a user that no longer exists writes nothing', async () => {
      const alice = await seedUser(store());
      await store().users.delete('acme', alice.id);
      expect(await store().credentials.commitPasswordChange(change(alice, 1, { newSession: session(alice, 'orphan') }))).toBe('conflict');
      expect(await store().credentials.get('acme', alice.id)).toBeUndefined();
      expect(await store().sessions.get('orphan')).toBeUndefined();
    });

    test('a commit revokes every session of the user, inserts the new one and resets the throttle', async () => {
      const alice = await seedUser(store(), 'acme', 'Alice');
      const bob = await seedUser(store(), 'acme', 'bob');
      for (const id of ['a1', 'a2']) await store().sessions.create(session(alice, id));
      await store().sessions.create(session(bob, 'b1'));
      await store().throttle.begin('acme', alice.usernameKey, at(0), never);
      await store().throttle.begin('acme', 'bob', at(0), never);
      const replacement = session(alice, 'a3', { authenticatedAt: at(999), passwordChangeOnly: true, origin: 'vrni' });
      expect(await store().credentials.commitPasswordChange(change(alice, 1, { newSession: replacement }))).toBe('committed');
      expect(await store().sessions.get('a1')).toBeUndefined();
      expect(await store().sessions.get('a2')).toBeUndefined();
      expect(await store().sessions.get('a3')).toEqual(replacement);
      expect(await store().sessions.get('b1')).toBeDefined();
      expect(await store().throttle.get('acme', 'alice')).toBeUndefined();
      expect((await store().throttle.get('acme', 'bob'))?.failures).toBe(1);
    });

    test('a refused commit leaves sessions, throttle and credential untouched', async () => {
      const alice = await seedUser(store());
      await store().sessions.create(session(alice, 'a1'));
      await store().throttle.begin('acme', 'alice', at(0), never);
      expect(await store().credentials.commitPasswordChange(change(alice, 7, { newSession: session(alice, 'a2') }))).toBe('conflict');
      expect(await store().sessions.get('a1')).toBeDefined();
      expect(await store().sessions.get('a2')).toBeUndefined();
      expect((await store().throttle.get('acme', 'alice'))?.failures).toBe(1);
      expect(await store().credentials.get('acme', alice.id)).toEqual(credential(alice));
    });

    test('rehash replaces only the hash when the version matches; a lost race answers false', async () => {
      const alice = await seedUser(store());
      const before = await store().credentials.get('acme', alice.id);
      const results = await Promise.all([1, 1, 1].map((v, i) => store().credentials.rehash('acme', alice.id, v, `rehashed${i}`)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const after = await store().credentials.get('acme', alice.id);
      expect(after).toEqual({ ...before, hash: `rehashed${results.indexOf(true)}`, version: 2 });
      expect(await store().credentials.rehash('acme', alice.id, 1, 'stale')).toBe(false);
      expect(await store().credentials.rehash('acme', 'ghost', 1, 'x')).toBe(false);
    });

    test('disable marks the password unusable, moves the version once, and is idempotent', async () => {
      const alice = await seedUser(store());
      await store().credentials.disable('acme', alice.id, at(50));
      await store().credentials.disable('acme', alice.id, at(60));
      expect(await store().credentials.get('acme', alice.id)).toEqual({ ...credential(alice), disabledAt: at(50), version: 2 });
      await store().credentials.disable('acme', 'ghost', at(1));
      expect(await store().credentials.get('acme', 'ghost')).toBeUndefined();
    });

    test('keeps tenants apart', async () => {
      const alice = await seedUser(store());
      await store().tenants.create(tenant('globex'));
      expect(await store().credentials.get('globex', alice.id)).toBeUndefined();
      expect(await store().credentials.commitPasswordChange({ ...change(alice, 1), tenantId: 'globex' })).toBe('conflict');
      expect(await store().credentials.rehash('globex', alice.id, 1, 'x')).toBe(false);
      await store().credentials.disable('globex', alice.id, at(1));
      expect(await store().credentials.get('acme', alice.id)).toEqual(credential(alice));
    });
  });
}
