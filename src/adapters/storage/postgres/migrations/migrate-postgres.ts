import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Database } from '../../sql/schema.js';
import { SchemaTooNewError } from '../../sql/schema-too-new-error.js';
import { initial } from './0001-initial.js';
import { passwordHistory } from './0002-password-history.js';

/** Every migration this code knows, by name; names sort in the order they run. */
export const POSTGRES_MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_initial': initial,
  '0002_password_history': passwordHistory,
});

const MIGRATION_TABLE = 'schema_migrations';
const MIGRATION_LOCK_TABLE = 'schema_migrations_lock';

/** The schema unqualified names resolve to (the first existing one on the search_path). */
export async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema ?? null;
  if (schema === null) throw new Error('the PostgreSQL search_path names no schema that exists: create it, or name an existing one');
  return schema;
}

async function appliedMigrations(db: Kysely<Database>, schema: string): Promise<string[]> {
  const { rows } = await sql<{ present: boolean }>`select to_regclass(${`"${schema}"."${MIGRATION_TABLE}"`}) is not null as present`.execute(db);
  if (rows[0]?.present !== true) return [];
  const applied = await sql<{ name: string }>`select name from ${sql.table(`${schema}.${MIGRATION_TABLE}`)}`.execute(db);
  return applied.rows.map((row) => row.name);
}

/**
 * Applies the migrations the schema lacks and returns their names (empty when up to date). Works in the
 * current schema, so several installations can share one database. Refuses, before touching anything,
 * a schema that holds a migration this code does not know: running older code on a newer schema could
 * silently lose data. Concurrent callers (several instances starting at once) are serialised by
 * Kysely's advisory lock, and PostgreSQL runs each migration's DDL in a transaction.
 */
export async function migratePostgres(db: Kysely<Database>): Promise<string[]> {
  const schema = await currentSchema(db);
  const unknown = (await appliedMigrations(db, schema)).filter((name) => !(name in POSTGRES_MIGRATIONS));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown.sort());
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...POSTGRES_MIGRATIONS }) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Named explicitly: without it Kysely looks for its table in every schema of the database.
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed`.replace('  ', ' '), { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
