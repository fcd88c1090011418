import { describe, expect } from 'vitest';
import { at, caseRunner, seedUser, session, useStore, type ContractOptions, type MakeStore } from './contract-support.js';

export function sessionStoreContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  describe('SessionStore', () => {
    const store = useStore(makeStore);
    const test = caseRunner(options);

    test('creates and reads a session by id, with every field and millisecond timestamps', async () => {
      const alice = await seedUser(store());
      const created = session(alice, 'digest-1', { authenticatedAt: at(-7), passwordChangeOnly: true, origin: 'onezone', lastSeenAt: at(3) });
      await store().sessions.create(created);
      const read = await store().sessions.get('digest-1');
      expect(read).toEqual(created);
      expect(read?.lastSeenAt.getTime()).toBe(at(3).getTime());
      expect(await store().sessions.get('digest-2')).toBeUndefined();
    });

    test('revoke deletes: the session is then indistinguishable from one that never existed', async () => {
      const alice = await seedUser(store());
      await store().sessions.create(session(alice, 's1'));
      expect(await store().sessions.revoke('s1')).toBe(true);
      expect(await store().sessions.get('s1')).toBeUndefined();
      expect(await store().sessions.revoke('s1')).toBe(false);
      expect(await store().sessions.revoke('never')).toBe(false);
    });

    test('revokeAllForUser revokes every session of the user but the excepted one, and no one else', async () => {
      const alice = await seedUser(store());
      const bob = await seedUser(store(), 'acme', 'bob');
      const rival = await seedUser(store(), 'globex', 'alice');
      for (const id of ['a1', 'a2', 'a3']) await store().sessions.create(session(alice, id));
      await store().sessions.create(session(bob, 'b1'));
      await store().sessions.create(session(rival, 'g1'));
      expect(await store().sessions.revokeAllForUser('acme', alice.id, 'a2')).toBe(2);
      expect(await store().sessions.get('a1')).toBeUndefined();
      expect(await store().sessions.get('a2')).toBeDefined();
      expect(await store().sessions.revokeAllForUser('acme', alice.id)).toBe(1);
      expect(await store().sessions.revokeAllForUser('acme', alice.id)).toBe(0);
      expect(await store().sessions.revokeAllForUser('globex', alice.id)).toBe(0);
      expect(await store().sessions.get('b1')).toBeDefined();
      expect(await store().sessions.get('g1')).toBeDefined();
    });

    test('getWithUser reads the session with its user, and nothing for an unknown or deleted one', async () => {
      const alice = await seedUser(store());
      const bob = await seedUser(store(), 'acme', 'bob');
      await store().sessions.create(session(alice, 'a1'));
      await store().sessions.create(session(bob, 'b1', { origin: 'vrni' }));
      expect(await store().sessions.getWithUser('a1')).toEqual({ session: session(alice, 'a1'), user: alice });
      expect(await store().sessions.getWithUser('b1')).toEqual({ session: session(bob, 'b1', { origin: 'vrni' }), user: bob });
      expect(await store().sessions.getWithUser('ghost')).toBeUndefined();
      await store().users.delete('acme', bob.id);
      expect(await store().sessions.getWithUser('b1')).toBeUndefined();
    });

    test('countLive counts the user’s unexpired sessions of one origin', async () => {
      const alice = await seedUser(store());
      const bob = await seedUser(store(), 'acme', 'bob');
      await store().sessions.create(session(alice, 'n1', { expiresAt: at(100) }));
      await store().sessions.create(session(alice, 'n2', { expiresAt: at(200) }));
      await store().sessions.create(session(alice, 'v1', { origin: 'vrni', expiresAt: at(200) }));
      await store().sessions.create(session(bob, 'b1', { expiresAt: at(200) }));
      expect(await store().sessions.countLive('acme', alice.id, 'native', at(0))).toBe(2);
      expect(await store().sessions.countLive('acme', alice.id, 'native', at(100))).toBe(1);
      expect(await store().sessions.countLive('acme', alice.id, 'vrni', at(199))).toBe(1);
      expect(await store().sessions.countLive('acme', alice.id, 'native', at(200))).toBe(0);
      expect(await store().sessions.countLive('globex', alice.id, 'native', at(0))).toBe(0);
    });

    test('createWithinLimit inserts below the limit and refuses at it, counting only live sessions of the origin', async () => {
      const alice = await seedUser(store());
      await store().sessions.create(session(alice, 'old', { expiresAt: at(100) }));
      await store().sessions.create(session(alice, 'v1', { origin: 'vrni' }));
      expect(await store().sessions.createWithinLimit(session(alice, 'n1'), 2, at(0))).toBe(true);
      expect(await store().sessions.createWithinLimit(session(alice, 'n2'), 2, at(0))).toBe(false);
      expect(await store().sessions.get('n2')).toBeUndefined();
      // Once 'old' has expired it no longer counts.
      expect(await store().sessions.createWithinLimit(session(alice, 'n3'), 2, at(100))).toBe(true);
      expect(await store().sessions.get('n3')).toEqual(session(alice, 'n3'));
      expect(await store().sessions.createWithinLimit(session(alice, 'v2', { origin: 'vrni' }), 2, at(100))).toBe(true);
    });

    test('of 12 racing createWithinLimit calls for one user with a limit of 3, exactly 3 insert', async () => {
      const alice = await seedUser(store());
      const created = await Promise.all(Array.from({ length: 12 }, (_, i) => store().sessions.createWithinLimit(session(alice, `r${i}`), 3, at(0))));
      expect(created.filter(Boolean)).toHaveLength(3);
      expect(await store().sessions.countLive('acme', alice.id, 'native', at(0))).toBe(3);
    });

    test('purgeExpired deletes the sessions at or past their absolute expiry', async () => {
      const alice = await seedUser(store());
      await store().sessions.create(session(alice, 'old', { expiresAt: at(100) }));
      await store().sessions.create(session(alice, 'edge', { expiresAt: at(200) }));
      await store().sessions.create(session(alice, 'new', { expiresAt: at(300) }));
      expect(await store().sessions.purgeExpired(at(200))).toBe(2);
      expect(await store().sessions.get('old')).toBeUndefined();
      expect(await store().sessions.get('edge')).toBeUndefined();
      expect(await store().sessions.get('new')).toBeDefined();
      expect(await store().sessions.purgeExpired(at(200))).toBe(0);
    });

    test('touch moves lastSeenAt forward only, changes nothing else, and ignores unknown ids', async () => {
      const alice = await seedUser(store());
      const created = session(alice, 's1', { lastSeenAt: at(10) });
      await store().sessions.create(created);
      await store().sessions.touch('s1', at(60_001));
      expect(await store().sessions.get('s1')).toEqual({ ...created, lastSeenAt: at(60_001) });
      await store().sessions.touch('s1', at(30));
      expect((await store().sessions.get('s1'))?.lastSeenAt).toEqual(at(60_001));
      await store().sessions.touch('ghost', at(1));
      expect(await store().sessions.get('ghost')).toBeUndefined();
    });

    test('refuses a second session with the same id', async () => {
      const alice = await seedUser(store());
      await store().sessions.create(session(alice, 's1'));
      await expect(store().sessions.create(session(alice, 's1', { origin: 'other' }))).rejects.toThrow();
      expect((await store().sessions.get('s1'))?.origin).toBe('native');
    });

    test('hands out copies', async () => {
      const alice = await seedUser(store());
      const created = session(alice, 's1');
      await store().sessions.create(created);
      created.expiresAt.setTime(at(9e9).getTime());
      const read = await store().sessions.get('s1');
      read?.expiresAt.setTime(0);
      expect(await store().sessions.get('s1')).toEqual(session(alice, 's1'));
    });
  });
}
