import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter, type SqliteDatabase } from 'kysely';
import type { Database } from '../sql/schema.js';

// SQLite runs DDL inside transactions, but Kysely's adapter says it cannot. Saying so lets the Migrator
// apply pending migrations all-or-nothing, instead of leaving a half-built schema after a failure.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class PasswardenSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** A Kysely instance over a better-sqlite3 database; destroying it closes the database. */
export function createSqliteKysely(database: SqliteDatabase): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PasswardenSqliteDialect({ database }) });
}
