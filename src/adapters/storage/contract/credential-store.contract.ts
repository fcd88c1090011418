import { describe, expect } from 'vitest';
import type { PasswordChange } from '../../../core/ports/credential-store.js';
import type { User } from '../../../core/users/user.js';
import { at, caseRunner, credential, event, seedUser, session, tenant, user, useStore, type ContractOptions, type MakeStore } from './contract-support.js';

function change(u: User, expectedVersion: number | null, overrides: Partial<PasswordChange> = {}): PasswordChange {
  return { tenantId: u.tenantId, userId: u.id, expectedVersion, hash: '$argon2id$new', temporary: false, changedAt: at(1000), keepHistory: 0, newSession: null, auditEvents: [], ...overrides };
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
      await store().throttle.begin('acme', alice.usernameKey, at(0), [0]);
      await store().throttle.begin('acme', 'bob', at(0), [0]);
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
      await store().throttle.begin('acme', 'alice', at(0), [0]);
      expect(await store().credentials.commitPasswordChange(change(alice, 7, { newSession: session(alice, 'a2') }))).toBe('conflict');
      expect(await store().sessions.get('a1')).toBeDefined();
      expect(await store().sessions.get('a2')).toBeUndefined();
      expect((await store().throttle.get('acme', 'alice'))?.failures).toBe(1);
      expect(await store().credentials.get('acme', alice.id)).toEqual(credential(alice));
    });

    test('a commit appends its audit events with the change; a refused or lost one appends none', async () => {
      const alice = await seedUser(store());
      const changed = event('acme', 'e-change', { type: 'password.change', subjectId: alice.id, reason: null, at: at(1000) });
      const revoked = event('acme', 'e-revoke', { type: 'sessions.revoke', subjectId: alice.id, reason: 'password_change', at: at(1000) });
      expect(await store().credentials.commitPasswordChange(change(alice, 7, { auditEvents: [event('acme', 'e-lost')] }))).toBe('conflict');
      expect(await store().credentials.commitPasswordChange(change(alice, 1, { auditEvents: [changed, revoked] }))).toBe('committed');
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, (_, i) => store().credentials.commitPasswordChange(change(alice, 2, { auditEvents: [event('acme', `e-race-${i}`, { at: at(2000) })] }))),
      );
      expect(outcomes.filter((o) => o === 'committed')).toHaveLength(1);
      const { items } = await store().audit.list('acme', { limit: 10 });
      expect(items.map((item) => item.id)).toEqual([`e-race-${outcomes.indexOf('committed')}`, 'e-revoke', 'e-change']);
      expect(items.slice(1)).toEqual([revoked, changed]);
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

    test('a commit pushes the replaced hash into the history, newest first, trimmed to keepHistory', async () => {
      const alice = await seedUser(store());
      const first = credential(alice).hash;
      for (const [i, expected] of [[1, 'h1'], [2, 'h2'], [3, 'h3']] as const) {
        expect(await store().credentials.commitPasswordChange(change(alice, i, { hash: expected, keepHistory: 3, changedAt: at(i * 1000) }))).toBe('committed');
      }
      expect(await store().credentials.history('acme', alice.id, 10)).toEqual(['h2', 'h1', first]);
      expect(await store().credentials.history('acme', alice.id, 2)).toEqual(['h2', 'h1']);
      expect(await store().credentials.history('acme', alice.id, 0)).toEqual([]);
      // Rehashing is the same password: it replaces nothing in the history.
      expect(await store().credentials.rehash('acme', alice.id, 4, 'h3-rehashed')).toBe(true);
      expect(await store().credentials.commitPasswordChange(change(alice, 5, { hash: 'h4', keepHistory: 2 }))).toBe('committed');
      expect(await store().credentials.history('acme', alice.id, 10)).toEqual(['h3-rehashed', 'h2']);
      expect(await store().credentials.commitPasswordChange(change(alice, 6, { hash: 'h5', keepHistory: 0 }))).toBe('committed');
      expect(await store().credentials.history('acme', alice.id, 10)).toEqual([]);
    });

    test('a refused commit leaves the history untouched, and racing commits push one entry', async () => {
      const alice = await seedUser(store());
      expect(await store().credentials.commitPasswordChange(change(alice, 1, { hash: 'h1', keepHistory: 5 }))).toBe('committed');
      expect(await store().credentials.commitPasswordChange(change(alice, 1, { hash: 'lost', keepHistory: 0 }))).toBe('conflict');
      expect(await store().credentials.history('acme', alice.id, 5)).toEqual([credential(alice).hash]);
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, (_, i) => store().credentials.commitPasswordChange(change(alice, 2, { hash: `r${i}`, keepHistory: 5 }))),
      );
      expect(outcomes.filter((o) => o === 'committed')).toHaveLength(1);
      expect(await store().credentials.history('acme', alice.id, 5)).toEqual(['h1', credential(alice).hash]);
    });

    test('the history is deleted with the user and kept apart per user and tenant', async () => {
      const alice = await seedUser(store());
      const bob = await seedUser(store(), 'acme', 'bob');
      await store().credentials.commitPasswordChange(change(alice, 1, { hash: 'a1', keepHistory: 3 }));
      await store().credentials.commitPasswordChange(change(bob, 1, { hash: 'b1', keepHistory: 3 }));
      expect(await store().credentials.history('acme', bob.id, 3)).toEqual([credential(bob).hash]);
      expect(await store().credentials.history('globex', alice.id, 3)).toEqual([]);
      expect(await store().users.delete('acme', alice.id)).toBe(true);
      expect(await store().credentials.history('acme', alice.id, 3)).toEqual([]);
      // A user created again under the same id starts without a history.
      await store().users.create(alice, credential(alice));
      expect(await store().credentials.history('acme', alice.id, 3)).toEqual([]);
      expect(await store().credentials.history('acme', bob.id, 3)).toHaveLength(1);
    });

    test('expire marks the password expired once, moves the version, and a new password clears it', async () => {
      const alice = await seedUser(store());
      expect(await store().credentials.expire('acme', alice.id, at(50))).toBe(true);
      expect(await store().credentials.expire('acme', alice.id, at(60))).toBe(true);
      expect(await store().credentials.get('acme', alice.id)).toEqual({ ...credential(alice), expiredAt: at(50), version: 2 });
      expect(await store().credentials.expire('acme', 'ghost', at(1))).toBe(false);
      expect(await store().credentials.expire('globex', alice.id, at(1))).toBe(false);
      expect(await store().credentials.commitPasswordChange(change(alice, 2))).toBe('committed');
      expect((await store().credentials.get('acme', alice.id))?.expiredAt).toBeNull();
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
