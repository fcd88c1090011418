import type { KyselyPlugin, QueryId } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresAttemptThrottle } from './postgres-attempt-throttle.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';
import { dropTestSchema, POSTGRES_TEST_URL, postgresTestsEnabled, testSchemaName } from './testing/postgres-test-schema.js';

const enabled = postgresTestsEnabled('postgres-attempt-throttle.test');

describe.skipIf(!enabled)('PostgreSQL AttemptThrottle under resets (needs 127.0.0.1:5432)', () => {
  const schema = testSchemaName();
  let store: PostgresStore;
  beforeAll(async () => {
    store = await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema });
  });
  afterAll(async () => {
    await store.close();
    await dropTestSchema(schema);
  });

  // Found by test/multi-instance: INSERT … DO NOTHING then SELECT … FOR UPDATE found no row when a
  // successful log-in reset the key between the two, and the attempt failed with "no result".
  it('begins never fail while successful log-ins reset the same key concurrently', async () => {
    const work = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? store.throttle.begin('acme', 'mixed', new Date(), i % 4 === 0 ? [0] : [0, 60_000]) : store.throttle.reset('acme', 'mixed'),
    );
    const outcomes = await Promise.allSettled(work);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
  });

  // The refused upsert and the read of the lock are two statements. Should the key be cleared between
  // them and locked again before the next try, every time, the attempt is refused for a second: never
  // allowed uncounted, never a failure.
  it('refuses for a second an attempt whose key keeps being cleared and locked again between its statements', async () => {
    const now = new Date();
    const lockFor = () => store.throttle.begin('acme', 'flapping', now, [3_600_000]);
    const kinds = new Map<QueryId, string>();
    const flapping: KyselyPlugin = {
      transformQuery: ({ node, queryId }) => (kinds.set(queryId, node.kind), node),
      async transformResult({ result, queryId }) {
        const kind = kinds.get(queryId);
        if (kind === 'InsertQueryNode' && result.rows.length === 0) await store.throttle.reset('acme', 'flapping');
        if (kind === 'SelectQueryNode') await lockFor();
        return result;
      },
    };
    await lockFor();
    const throttle = createPostgresAttemptThrottle(store.db.withPlugin(flapping));
    expect(await throttle.begin('acme', 'flapping', now, [0])).toEqual({ allowed: false, lockedUntil: new Date(now.getTime() + 1000) });
    expect(await store.throttle.get('acme', 'flapping')).toEqual({ failures: 1, lockedUntil: new Date(now.getTime() + 3_600_000) });
  });
});
