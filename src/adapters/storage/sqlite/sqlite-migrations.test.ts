import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../../../core/credentials/password-policy.js';
import { migrateSqlite, openSqliteStore, SchemaTooNewError, SQLITE_MIGRATIONS } from './sqlite-store.js';

describe('SQLite migrations', () => {
  const files: string[] = [];
  const tempFile = () => {
    const file = join(tmpdir(), `passwarden-migrations-${randomBytes(8).toString('hex')}.db`);
    files.push(file);
    return file;
  };
  afterEach(async () => {
    for (const file of files.splice(0)) for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
  });

  it('applies every known migration once, then nothing on later runs', async () => {
    const file = tempFile();
    const database = new Sqlite(file);
    try {
      expect(await migrateSqlite(database)).toEqual(Object.keys(SQLITE_MIGRATIONS));
      expect(await migrateSqlite(database)).toEqual([]);
    } finally {
      database.close();
    }
    const store = await openSqliteStore({ file });
    expect(await migrateSqlite(store.db)).toEqual([]);
    await store.ping();
    await store.close();
  });

  it('keeps data across reopening', async () => {
    const file = tempFile();
    const first = await openSqliteStore({ file });
    const now = new Date('2026-01-01T00:00:00.001Z');
    await first.tenants.create({ id: 'acme', name: 'Acme', policy: DEFAULT_PASSWORD_POLICY, createdAt: now, updatedAt: now });
    await first.close();
    const second = await openSqliteStore({ file });
    expect((await second.tenants.get('acme'))?.createdAt).toEqual(now);
    await second.close();
  });

  it('opens with WAL, synchronous FULL and foreign keys on', async () => {
    const store = await openSqliteStore({ file: tempFile() });
    const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db)).rows[0] ?? {})[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBeGreaterThan(0);
    await store.close();
  });

  it('refuses a database that holds a migration this code does not know, naming it', async () => {
    const file = tempFile();
    await (await openSqliteStore({ file })).close();
    const database = new Sqlite(file);
    database.prepare('insert into schema_migrations (name, timestamp) values (?, ?)').run('9999_from_the_future', new Date().toISOString());
    await expect(migrateSqlite(database)).rejects.toBeInstanceOf(SchemaTooNewError);
    database.close();
    await expect(openSqliteStore({ file })).rejects.toThrow(/newer than this version.*9999_from_the_future/);
  });

  it('works on a private in-memory database', async () => {
    const store = await openSqliteStore({ file: ':memory:' });
    expect(await store.tenants.list()).toEqual([]);
    await store.close();
  });
});
