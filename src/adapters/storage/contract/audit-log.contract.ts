import { describe, expect } from 'vitest';
import type { AuditEvent } from '../../../core/audit/audit-event.js';
import type { AuditQuery } from '../../../core/ports/audit-log.js';
import type { Store } from '../../../core/ports/store.js';
import { at, caseRunner, event, useStore, type ContractOptions, type MakeStore } from './contract-support.js';

/** Follows cursors to the end, checking that every page respects the limit. */
async function listAll(store: Store, tenantId: string, query: Omit<AuditQuery, 'cursor'>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await store.audit.list(tenantId, { ...query, cursor });
    expect(result.items.length).toBeLessThanOrEqual(query.limit);
    ids.push(...result.items.map((item) => item.id));
    if (result.nextCursor === null) return ids;
    cursor = result.nextCursor;
  }
  throw new Error('cursor never ended');
}

export function auditLogContract(makeStore: MakeStore, options: ContractOptions = {}): void {
  describe('AuditLog', () => {
    const store = useStore(makeStore);
    const test = caseRunner(options);

    test('appends and reads back every field', async () => {
      const full: AuditEvent = event('acme', 'e1', {
        at: at(123),
        type: 'password.change',
        outcome: 'failure',
        actorId: 'u1',
        actorKind: 'user',
        subjectId: 'u2',
        requestId: 'req-1',
        reason: 'wrong_password',
      });
      const sparse = event('acme', 'e2', { at: at(124), ip: null, userAgent: null, dialect: null, actorKind: 'operator' });
      await store().audit.append(full);
      await store().audit.append(sparse);
      expect((await store().audit.list('acme', { limit: 10 })).items).toEqual([sparse, full]);
    });

    test('is append-only: the port has no update or delete, and a duplicate id is refused', async () => {
      expect(Object.keys(store().audit).sort()).toEqual(['append', 'list']);
      await store().audit.append(event('acme', 'e1'));
      await expect(store().audit.append(event('acme', 'e1', { reason: 'rewritten' }))).rejects.toThrow();
      expect((await store().audit.list('acme', { limit: 10 })).items).toEqual([event('acme', 'e1')]);
    });

    test('lists newest first, ties in order of appending reversed, and pages with an opaque cursor', async () => {
      const times = [5, 1, 3, 3, 3, 2, 4, 0];
      for (const [i, ms] of times.entries()) await store().audit.append(event('acme', `e${i}`, { at: at(ms) }));
      await store().audit.append(event('globex', 'other', { at: at(9) }));
      const expected = ['e0', 'e6', 'e4', 'e3', 'e2', 'e5', 'e1', 'e7'];
      expect(await listAll(store(), 'acme', { limit: 100 })).toEqual(expected);
      expect(await listAll(store(), 'acme', { limit: 2 })).toEqual(expected);
      expect(await listAll(store(), 'acme', { limit: 3 })).toEqual(expected);
      const exact = await store().audit.list('acme', { limit: 8 });
      expect(exact.nextCursor).toBeNull();
    });

    test('filters by user as actor or subject, by type and by time, together with paging', async () => {
      await store().audit.append(event('acme', 'act', { at: at(1), actorId: 'u1', actorKind: 'user', type: 'user.update' }));
      await store().audit.append(event('acme', 'sub', { at: at(2), subjectId: 'u1', type: 'login' }));
      await store().audit.append(event('acme', 'both', { at: at(3), actorId: 'u1', subjectId: 'u1', actorKind: 'user', type: 'login' }));
      await store().audit.append(event('acme', 'else', { at: at(4), actorId: 'u2', subjectId: 'u3', type: 'login' }));
      await store().audit.append(event('globex', 'far', { at: at(5), actorId: 'u1', type: 'login' }));
      expect(await listAll(store(), 'acme', { limit: 1, userId: 'u1' })).toEqual(['both', 'sub', 'act']);
      expect(await listAll(store(), 'acme', { limit: 1, type: 'login' })).toEqual(['else', 'both', 'sub']);
      expect(await listAll(store(), 'acme', { limit: 1, since: at(2) })).toEqual(['else', 'both', 'sub']);
      expect(await listAll(store(), 'acme', { limit: 2, userId: 'u1', type: 'login', since: at(2) })).toEqual(['both', 'sub']);
      expect(await listAll(store(), 'acme', { limit: 5, userId: 'nobody' })).toEqual([]);
      expect(await listAll(store(), 'empty', { limit: 5 })).toEqual([]);
    });

    test('refuses a cursor it did not issue as an invalid request', async () => {
      await store().audit.append(event('acme', 'e1'));
      await expect(store().audit.list('acme', { limit: 1, cursor: 'not a cursor' })).rejects.toMatchObject({
        detail: { kind: 'RequestInvalid' },
      });
    });
  });
}
