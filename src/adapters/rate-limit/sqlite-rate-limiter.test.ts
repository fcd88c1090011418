import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteRateLimiter } from './sqlite-rate-limiter.js';

describe('createSqliteRateLimiter', () => {
  const opened: Sqlite.Database[] = [];
  const files: string[] = [];
  const open = (file = ':memory:') => {
    const database = new Sqlite(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    opened.push(database);
    return database;
  };
  const options = (keyPrefix: string, points = 3) => ({ points, durationSeconds: 60, tableName: 'rate_limit', keyPrefix });
  afterEach(async () => {
    for (const database of opened.splice(0)) database.close();
    for (const file of files.splice(0)) for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
  });

  it('creates its table, allows the budget per key, then refuses with the wait', async () => {
    const database = open();
    const limiter = await createSqliteRateLimiter(database, options('a'));
    expect(database.prepare("select name from sqlite_master where type = 'table' and name = 'rate_limit'").get()).toEqual({ name: 'rate_limit' });
    for (let i = 0; i < 3; i += 1) expect(await limiter.consume('10.0.0.1')).toEqual({ allowed: true });
    const refused = await limiter.consume('10.0.0.1');
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(await limiter.consume('10.0.0.2')).toEqual({ allowed: true });
  });

  it('is exact under concurrency and shared between connections to one file (as between processes)', async () => {
    const file = join(tmpdir(), `passwarden-rl-${randomBytes(8).toString('hex')}.db`);
    files.push(file);
    const one = await createSqliteRateLimiter(open(file), options('b', 5));
    const two = await createSqliteRateLimiter(open(file), options('b', 5));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).consume('shared')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('rethrows database failures instead of allowing or refusing', async () => {
    const database = open();
    const limiter = await createSqliteRateLimiter(database, options('c'));
    database.close();
    opened.splice(opened.indexOf(database), 1);
    await expect(limiter.consume('k')).rejects.toThrow();
  });

  it('refuses a table name that is not a plain identifier, and an empty key prefix', async () => {
    await expect(createSqliteRateLimiter(open(), { ...options('d'), tableName: 'x; drop' })).rejects.toThrow(RangeError);
    await expect(createSqliteRateLimiter(open(), options(''))).rejects.toThrow(RangeError);
  });
});
