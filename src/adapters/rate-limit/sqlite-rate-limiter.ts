import type Sqlite from 'better-sqlite3';
import { RateLimiterSQLite } from 'rate-limiter-flexible';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import { checkRateLimitOptions, rateLimiterFromFlexible } from './rate-limiter-flexible-consume.js';
import type { RateLimitOptions } from './rate-limiter-flexible-consume.js';

export interface SqliteRateLimitOptions extends RateLimitOptions {
  /** The counters' table, created if missing. */
  tableName: string;
  /** Namespace of the keys inside the table, so several limits can share it. */
  keyPrefix: string;
}

/**
 * Counters in a SQLite table, shared by every process using the file. Pass the store's own connection:
 * a second connection would wait for the store's write lock synchronously, blocking the event loop that
 * the store needs to release it. Statements are synchronous, so each upsert is atomic in this process.
 */
export async function createSqliteRateLimiter(database: Sqlite.Database, options: SqliteRateLimitOptions): Promise<RateLimiter> {
  checkRateLimitOptions(options);
  if (!/^[a-z_][a-z0-9_]*$/.test(options.tableName)) throw new RangeError(`tableName must be a lower-case identifier, got "${options.tableName}"`);
  if (options.keyPrefix.length === 0) throw new RangeError('keyPrefix must not be empty');
  const limiter = await new Promise<RateLimiterSQLite>((resolve, reject) => {
    const created: RateLimiterSQLite = new RateLimiterSQLite(
      {
        storeClient: database,
        storeType: 'better-sqlite3',
        tableName: options.tableName,
        tableCreated: false,
        keyPrefix: options.keyPrefix,
        points: options.points,
        duration: options.durationSeconds,
      },
      (error?: Error) => (error ? reject(error) : resolve(created)),
    );
  });
  return rateLimiterFromFlexible(limiter);
}
