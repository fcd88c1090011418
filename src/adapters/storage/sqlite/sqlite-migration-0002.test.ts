import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteKysely } from './sqlite-kysely.js';
import { migrateSqlite, openSqliteStore, SQLITE_MIGRATIONS } from './sqlite-store.js';

describe('SQLite migration 0002_password_history', () => {
  const file = join(tmpdir(), `passwarden-0002-${randomBytes(8).toString('hex')}.db`);
  afterEach(async () => {
    for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
  });

  it('upgrades a 0001 database: existing credentials are not expired and have no history', async () => {
    const database = new Sqlite(file);
    database.pragma('foreign_keys = ON');
    try {
      const db = createSqliteKysely(database);
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => ({ ...SQLITE_MIGRATIONS }) },
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
      await sql`insert into tenants (id, name, policy, created_at, updated_at) values ('acme', 'Acme', '{}', 1, 1)`.execute(db);
      await sql`insert into users (id, tenant_id, username, username_key, roles, status, created_at, updated_at) values ('u1', 'acme', 'alice', 'alice', '["member"]', 'active', 1, 1)`.execute(db);
      await sql`insert into password_credentials (tenant_id, user_id, hash, temporary, changed_at, version) values ('acme', 'u1', 'old-hash', 0, 5, 1)`.execute(db);
      expect(await migrateSqlite(database)).toEqual(['0002_password_history']);
    } finally {
      database.close();
    }
    const store = await openSqliteStore({ file });
    try {
      expect(await store.credentials.get('acme', 'u1')).toMatchObject({ hash: 'old-hash', expiredAt: null, version: 1 });
      expect(await store.credentials.history('acme', 'u1', 5)).toEqual([]);
      const changedAt = new Date(10);
      expect(await store.credentials.commitPasswordChange({ tenantId: 'acme', userId: 'u1', expectedVersion: 1, hash: 'new-hash', temporary: false, changedAt, keepHistory: 5, newSession: null, auditEvents: [] })).toBe('committed');
      expect(await store.credentials.history('acme', 'u1', 5)).toEqual(['old-hash']);
    } finally {
      await store.close();
    }
  });
});
