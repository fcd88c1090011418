import { describe } from 'vitest';
import { storeContract } from '../contract/index.js';
import { openPostgresStore } from './postgres-store.js';
import { dropTestSchema, POSTGRES_TEST_URL, postgresTestsEnabled, testSchemaName } from './testing/postgres-test-schema.js';

const enabled = postgresTestsEnabled('postgres.contract.test');

// Each case gets a schema of its own, dropped afterwards: runs in parallel never see each other's rows.
describe.skipIf(!enabled)('PostgreSQL (needs 127.0.0.1:5432)', () => {
  storeContract('postgres', async () => {
    const schema = testSchemaName();
    const store = await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema });
    return {
      store,
      async dispose() {
        await store.close();
        await dropTestSchema(schema);
      },
    };
  });
});
