import { sql, type Kysely } from 'kysely';
import type { CredentialStore } from '../../../core/ports/credential-store.js';
import { credentialFromRow, ms } from './rows.js';
import type { Database } from './schema.js';

/**
 * The credential store of both SQL databases. The password change is each database's own: one
 * statement on PostgreSQL, an immediate transaction on SQLite.
 */
export function createSqlCredentialStore(db: Kysely<Database>, commitPasswordChange: CredentialStore['commitPasswordChange']): CredentialStore {
  // Idempotent: only the first disabling or expiry writes, so its time stands and the version moves once.
  const markOnce = (tenantId: string, userId: string, column: 'disabled_at' | 'expired_at', at: Date) =>
    db
      .updateTable('password_credentials')
      .set({ [column]: ms(at), version: sql<number>`version + 1` })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where(column, 'is', null)
      .execute();
  return {
    commitPasswordChange,
    async get(tenantId, userId) {
      const row = await db.selectFrom('password_credentials').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row && credentialFromRow(row);
    },

    async rehash(tenantId, userId, expectedVersion, hash) {
      const result = await db
        .updateTable('password_credentials')
        .set({ hash, version: sql<number>`version + 1` })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async disable(tenantId, userId, at) {
      await markOnce(tenantId, userId, 'disabled_at', at);
    },

    async history(tenantId, userId, limit) {
      if (limit <= 0) return [];
      const rows = await db
        .selectFrom('password_history')
        .select('hash')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .orderBy('version', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => row.hash);
    },

    async expire(tenantId, userId, at) {
      await markOnce(tenantId, userId, 'expired_at', at);
      const row = await db.selectFrom('password_credentials').select('version').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row !== undefined;
    },
  };
}
