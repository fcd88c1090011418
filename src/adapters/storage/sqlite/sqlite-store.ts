import Sqlite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Store } from '../../../core/ports/store.js';
import type { Database } from '../sql/schema.js';
import { migrateSqlite } from './migrations/migrate-sqlite.js';
import { createSqliteAttemptThrottle } from './sqlite-attempt-throttle.js';
import { createSqliteAuditLog } from './sqlite-audit-log.js';
import { createSqliteCredentialStore } from './sqlite-credential-store.js';
import { createSqliteKysely } from './sqlite-kysely.js';
import { createSqlSessionStore } from '../sql/sql-session-store.js';
import { createSqliteTenantStore } from './sqlite-tenant-store.js';
import { immediateTransaction } from './sqlite-transaction.js';
import { createSqliteUserDirectory } from './sqlite-user-directory.js';

export { migrateSqlite, SchemaTooNewError, SQLITE_MIGRATIONS } from './migrations/migrate-sqlite.js';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a private database that lives as long as the store. */
  file: string;
  /** How long a writer waits for another process's lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * The store, its Kysely instance, and the better-sqlite3 connection under it, for components that must
 * share the one connection (the SQLite rate limiter). Closing the store closes it.
 */
export type SqliteStore = Store & { db: Kysely<Database>; database: Sqlite.Database };

/**
 * Opens (creating if needed) and migrates a SQLite database. WAL lets readers proceed beside the one
 * writer; synchronous=FULL makes every committed password change and revocation survive power loss;
 * foreign_keys is off by default in SQLite and the schema relies on it.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const database = new Sqlite(options.file);
  let db: Kysely<Database> | undefined;
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    db = createSqliteKysely(database);
    await migrateSqlite(db);
  } catch (error) {
    if (db) await db.destroy();
    else database.close();
    throw error;
  }
  const kysely = db;
  return {
    db: kysely,
    database,
    tenants: createSqliteTenantStore(kysely),
    users: createSqliteUserDirectory(kysely),
    credentials: createSqliteCredentialStore(kysely),
    sessions: createSqlSessionStore(kysely, (_tenantId, _userId, work) => immediateTransaction(kysely, work)),
    throttle: createSqliteAttemptThrottle(kysely),
    audit: createSqliteAuditLog(kysely),
    async ping() {
      await sql`select 1`.execute(kysely);
    },
    close: () => kysely.destroy(),
  };
}
