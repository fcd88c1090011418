import { Kysely, Migrator, sql, type Migration, type SqliteDatabase } from 'kysely';
import type { Database } from '../../sql/schema.js';
import { SchemaTooNewError } from '../../sql/schema-too-new-error.js';
import { createSqliteKysely } from '../sqlite-kysely.js';
import { initial } from './0001-initial.js';
import { passwordHistory } from './0002-password-history.js';

/** Every migration this code knows, by name; names sort in the order they run. */
export const SQLITE_MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_initial': initial,
  '0002_password_history': passwordHistory,
});

const MIGRATION_TABLE = 'schema_migrations';
const MIGRATION_LOCK_TABLE = 'schema_migrations_lock';

export { SchemaTooNewError };

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === MIGRATION_TABLE)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return rows.rows.map((row) => row.name);
}

/**
 * Applies the migrations the database lacks and returns their names (empty when up to date). Refuses,
 * before touching anything, a database that holds a migration this code does not know: running older
 * code on a newer schema could silently lose data. Accepts a Kysely instance or a bare better-sqlite3
 * database, which it leaves open.
 */
export async function migrateSqlite(database: Kysely<Database> | SqliteDatabase): Promise<string[]> {
  // Not destroyed when built here: that would close the caller's database.
  const db = database instanceof Kysely ? database : createSqliteKysely(database);
  const unknown = (await appliedMigrations(db)).filter((name) => !(name in SQLITE_MIGRATIONS));
  if (unknown.length > 0) throw new SchemaTooNewError(unknown.sort());
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...SQLITE_MIGRATIONS }) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed`.replace('  ', ' '), { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
