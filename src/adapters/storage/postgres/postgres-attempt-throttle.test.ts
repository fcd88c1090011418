import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
