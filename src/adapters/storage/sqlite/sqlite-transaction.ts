import { sql, type Kysely } from 'kysely';
import type { Database } from '../sql/schema.js';

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction. Kysely's own transactions begin DEFERRED: a
 * read-then-write in one could fail with SQLITE_BUSY when another process writes in between, whereas
 * IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so read-modify-write sequences
 * are atomic across processes too. Inside one process Kysely's single connection serialises them.
 */
export async function immediateTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
