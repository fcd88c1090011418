import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import type { Store } from '../../../core/ports/store.js';
import type { Database } from '../sql/schema.js';
import { migratePostgres } from './migrations/migrate-postgres.js';
import { createPostgresAttemptThrottle } from './postgres-attempt-throttle.js';
import { createPostgresAuditLog } from './postgres-audit-log.js';
import { checkPostgresReachable, createPostgresPool, type PostgresPoolOptions } from './postgres-connection.js';
import { createPostgresCredentialStore } from './postgres-credential-store.js';
import { createSqlSessionStore } from '../sql/sql-session-store.js';
import { createPostgresTenantStore } from './postgres-tenant-store.js';
import { createPostgresUserDirectory } from './postgres-user-directory.js';

export { currentSchema, migratePostgres, POSTGRES_MIGRATIONS } from './migrations/migrate-postgres.js';
export { describePostgresTarget } from './postgres-connection.js';
export { SchemaTooNewError } from '../sql/schema-too-new-error.js';

/** CREATE SCHEMA IF NOT EXISTS races with itself; instances starting together take turns. */
async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`passwarden:create-schema:${schema}`}))`.execute(trx);
    await sql`create schema if not exists ${sql.id(schema)}`.execute(trx);
  });
}

export type PostgresStoreOptions = PostgresPoolOptions;

/** The store, its Kysely instance, and the pg pool under it (for the rate limiter). Closing the store ends the pool. */
export type PostgresStore = Store & { db: Kysely<Database>; pool: pg.Pool };

/**
 * Connects to PostgreSQL through a pool and migrates the schema. With `schema`, everything lives in
 * that schema (created if missing), so several installations or test runs can share one database;
 * without it, in the first schema of the connection's search_path (normally `public`).
 *
 * Fails start-up with a clear message when the server cannot be reached, and with SchemaTooNewError
 * when the schema was migrated by a newer version.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const { db, pool } = await connectAndMigrate(options);
  return {
    db,
    pool,
    tenants: createPostgresTenantStore(db),
    users: createPostgresUserDirectory(db),
    credentials: createPostgresCredentialStore(db),
    sessions: createSqlSessionStore(db, (tenantId, userId, work) =>
      db.transaction().execute(async (trx) => {
        // Held to the end of the transaction; 64-bit keys, so two users practically never share one.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`passwarden:sessions:${tenantId}:${userId}`}, 0))`.execute(trx);
        return work(trx);
      }),
    ),
    throttle: createPostgresAttemptThrottle(db),
    audit: createPostgresAuditLog(db),
    async ping() {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/** Connects, creates the schema if asked, migrates; returns the open handles and what was applied. */
async function connectAndMigrate(options: PostgresStoreOptions): Promise<{ db: Kysely<Database>; pool: pg.Pool; applied: string[] }> {
  const pool = createPostgresPool(options);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await checkPostgresReachable(pool, options.connectionString);
    if (options.schema !== undefined) await createSchema(db, options.schema);
    return { db, pool, applied: await migratePostgres(db) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** `passwarden db migrate` on PostgreSQL: applies pending migrations and reports their names. */
export async function migratePostgresDatabase(options: PostgresStoreOptions): Promise<string[]> {
  const { db, applied } = await connectAndMigrate(options);
  await db.destroy();
  return applied;
}
