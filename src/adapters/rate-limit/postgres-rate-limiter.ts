import type pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import { checkRateLimitOptions, rateLimiterFromFlexible } from './rate-limiter-flexible-consume.js';
import type { RateLimitOptions } from './rate-limiter-flexible-consume.js';

export interface PostgresRateLimitOptions extends RateLimitOptions {
  /** The counters' table, created if missing in the pool's current schema (or `schemaName`). */
  tableName: string;
  schemaName?: string;
  /** Namespace of the keys inside the table, so several limits can share it. */
  keyPrefix: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Counters in a PostgreSQL table (one atomic INSERT … ON CONFLICT DO UPDATE per attempt), shared by
 * every instance using the database. Resolves once the table exists: the library refuses to count
 * before that, and creating it here makes a permission problem fail start-up rather than requests.
 */
export async function createPostgresRateLimiter(pool: pg.Pool, options: PostgresRateLimitOptions): Promise<RateLimiter> {
  checkRateLimitOptions(options);
  for (const name of [options.tableName, options.schemaName]) {
    if (name !== undefined && !IDENTIFIER.test(name)) throw new RangeError(`table and schema names must be lower-case identifiers, got "${name}"`);
  }
  if (options.keyPrefix.length === 0) throw new RangeError('keyPrefix must not be empty');
  const limiter = await new Promise<RateLimiterPostgres>((resolve, reject) => {
    const created: RateLimiterPostgres = new RateLimiterPostgres(
      {
        storeClient: pool,
        storeType: 'pool',
        tableName: options.tableName,
        ...(options.schemaName === undefined ? {} : { schemaName: options.schemaName }),
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
