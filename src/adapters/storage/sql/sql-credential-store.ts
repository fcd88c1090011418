import { sql, type Kysely } from 'kysely';
import type { CredentialStore } from '../../../core/ports/credential-store.js';
import { credentialFromRow, ms } from './rows.js';
import type { Database } from './schema.js';

/**
 * The credential store of both SQL databases. The password change is each database's own: one
 * statement on PostgreSQL, an immediate transaction on SQLite.
 */
export function createSqlCredentialStore(db: Kysely<Database>, commitPasswordChange: CredentialStore['commitPasswordChange']): CredentialStore {
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
      // Idempotent: only the first disabling writes, so its time stands and the version moves once.
      await db
        .updateTable('password_credentials')
        .set({ disabled_at: ms(at), version: sql<number>`version + 1` })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('disabled_at', 'is', null)
        .execute();
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
      // Idempotent: only the first expiry writes, so its time stands and the version moves once.
      await db
        .updateTable('password_credentials')
        .set({ expired_at: ms(at), version: sql<number>`version + 1` })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('expired_at', 'is', null)
        .execute();
      const row = await db.selectFrom('password_credentials').select('version').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row !== undefined;
    },
  };
}
