import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresRateLimiter } from './postgres-rate-limiter.js';

// test/global-setup.ts probes 127.0.0.1:5432 once and has already failed the run if CI=true and it is down.
const TEST_URL = process.env.PASSWARDEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgresUp = process.env.PASSWARDEN_TEST_POSTGRES === '1';
const skipReason = 'PostgreSQL on 127.0.0.1:5432 is not reachable';
if (!postgresUp) {
  if (process.env.CI === 'true') throw new Error(`${skipReason} and CI=true: failing instead of skipping`);
  process.stderr.write(`[postgres-rate-limiter.test] skipped: ${skipReason}\n`);
}

describe.skipIf(!postgresUp)('createPostgresRateLimiter (needs PostgreSQL on 127.0.0.1:5432)', () => {
  // A schema of this run's own, dropped afterwards; the pool resolves the limiter's table in it.
  const schema = `pw_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  let admin: pg.Client;
  let pool: pg.Pool;
  const options = (keyPrefix: string, points = 3) => ({ points, durationSeconds: 60, tableName: 'rate_limit', keyPrefix });

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_URL });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    pool = new pg.Pool({ connectionString: TEST_URL, max: 5, options: `-c search_path=${schema}` });
  });

  afterAll(async () => {
    await pool.end();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  it('creates its table in the pool schema, allows the budget per key, then refuses with the wait', async () => {
    const limiter = await createPostgresRateLimiter(pool, options('a'));
    const { rows } = await admin.query<{ present: boolean }>('select to_regclass($1) is not null as present', [`"${schema}".rate_limit`]);
    expect(rows[0]?.present).toBe(true);
    for (let i = 0; i < 3; i += 1) expect(await limiter.consume('10.0.0.1')).toEqual({ allowed: true });
    const refused = await limiter.consume('10.0.0.1');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect(await limiter.consume('10.0.0.2')).toEqual({ allowed: true });
  });

  it('is exact under concurrency and shared between instances (as between processes)', async () => {
    const other = new pg.Pool({ connectionString: TEST_URL, max: 5, options: `-c search_path=${schema}` });
    try {
      const one = await createPostgresRateLimiter(pool, options('b', 5));
      const two = await createPostgresRateLimiter(other, options('b', 5));
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).consume('shared')));
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
    } finally {
      await other.end();
    }
  });

  it('rethrows database failures instead of allowing or refusing', async () => {
    const broken = new pg.Pool({ connectionString: TEST_URL, max: 1, options: `-c search_path=${schema}` });
    const limiter = await createPostgresRateLimiter(broken, options('c'));
    await broken.end();
    await expect(limiter.consume('k')).rejects.toThrow();
  });

  it('refuses names that are not plain identifiers, and an empty key prefix', async () => {
    await expect(createPostgresRateLimiter(pool, { ...options('d'), tableName: 'x"; drop' })).rejects.toThrow(RangeError);
    await expect(createPostgresRateLimiter(pool, options(''))).rejects.toThrow(RangeError);
  });
});
