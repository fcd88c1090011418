import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../../../core/credentials/password-policy.js';
import { describePostgresTarget, migratePostgres, openPostgresStore, POSTGRES_MIGRATIONS, SchemaTooNewError } from './postgres-store.js';
import { dropTestSchema, POSTGRES_TEST_URL, postgresTestsEnabled, testSchemaName } from './testing/postgres-test-schema.js';

describe('describePostgresTarget', () => {
  it.each([
    ['postgres://app:s3cret@db.internal:6543/passwarden', 'db.internal:6543/passwarden'],
    ['postgresql://db.internal/passwarden?sslmode=require', 'db.internal:5432/passwarden'],
    ['postgres:///passwarden?host=/run/postgresql', '/run/postgresql:5432/passwarden'],
    ['postgres://app@127.0.0.1:5432', '127.0.0.1:5432/(default database)'],
  ])('%s names %s and no credentials', (url, expected) => {
    expect(describePostgresTarget(url)).toBe(expected);
  });
});

describe('openPostgresStore, when the server cannot be reached', () => {
  it('fails with a message naming host, port and database but never the password', async () => {
    const error: unknown = await openPostgresStore({ connectionString: 'postgres://app:hunter2-secret@127.0.0.1:1/passwarden', connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:1\/passwarden: .*ECONNREFUSED/);
    expect(message).not.toContain('hunter2');
  });

  it('refuses a schema name that is not a plain identifier before connecting', async () => {
    await expect(openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: 'x"; drop table users; --' })).rejects.toThrow(RangeError);
    await expect(openPostgresStore({ connectionString: POSTGRES_TEST_URL, poolSize: 0 })).rejects.toThrow(RangeError);
  });
});

const enabled = postgresTestsEnabled('postgres-migrations.test');

describe.skipIf(!enabled)('PostgreSQL migrations (needs 127.0.0.1:5432)', () => {
  const schemas: string[] = [];
  const schema = () => {
    const name = testSchemaName();
    schemas.push(name);
    return name;
  };
  afterEach(async () => {
    for (const name of schemas.splice(0)) await dropTestSchema(name);
  });

  it('creates the schema, applies every known migration once, then nothing on later runs', async () => {
    const name = schema();
    const store = await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: name });
    try {
      expect(await migratePostgres(store.db)).toEqual([]);
      const { rows } = await sql<{ name: string }>`select name from ${sql.table(`${name}.schema_migrations`)} order by name`.execute(store.db);
      expect(rows.map((row) => row.name)).toEqual(Object.keys(POSTGRES_MIGRATIONS));
      const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${name} order by table_name`.execute(store.db);
      expect(tables.rows.map((row) => row.table_name)).toEqual([
        'attempt_throttle',
        'audit_events',
        'password_credentials',
        'password_history',
        'schema_migrations',
        'schema_migrations_lock',
        'sessions',
        'tenants',
        'users',
      ]);
      await store.ping();
    } finally {
      await store.close();
    }
  });

  it('keeps data across reopening, and keeps schemas apart', async () => {
    const [one, two] = [schema(), schema()];
    const first = await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: one });
    const now = new Date('2026-01-01T00:00:00.001Z');
    await first.tenants.create({ id: 'acme', name: 'Acme', policy: DEFAULT_PASSWORD_POLICY, createdAt: now, updatedAt: now });
    await first.close();
    const again = await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: one });
    const other = await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: two });
    try {
      expect((await again.tenants.get('acme'))?.createdAt).toEqual(now);
      expect(await other.tenants.list()).toEqual([]);
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('sizes the pool as asked', async () => {
    const store = await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: schema(), poolSize: 3 });
    try {
      expect(store.pool.options.max).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('migrates concurrently started instances once', async () => {
    const name = schema();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: name, poolSize: 2 })));
    for (const store of stores) await store.close();
    const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string }>(`select count(*) from "${name}".schema_migrations`);
      expect(rows[0]?.count).toBe(String(Object.keys(POSTGRES_MIGRATIONS).length));
    } finally {
      await client.end();
    }
  });

  it('refuses a schema that holds a migration this code does not know, naming it', async () => {
    const name = schema();
    await (await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: name })).close();
    const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await client.connect();
    try {
      await client.query(`insert into "${name}".schema_migrations (name, timestamp) values ($1, $2)`, ['9999_from_the_future', new Date().toISOString()]);
    } finally {
      await client.end();
    }
    const error: unknown = await openPostgresStore({ connectionString: POSTGRES_TEST_URL, schema: name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).message).toMatch(/newer than this version.*9999_from_the_future/);
  });
});
