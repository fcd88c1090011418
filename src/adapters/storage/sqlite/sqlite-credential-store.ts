import { sql, type Kysely } from 'kysely';
import type { CredentialStore } from '../../../core/ports/credential-store.js';
import { keepHistory } from '../sql/password-history.js';
import { appendSqliteAuditEvent } from './sqlite-audit-log.js';
import { credentialFromRow, credentialToRow, ms, sessionToRow, toNumber } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';
import { immediateTransaction } from './sqlite-transaction.js';

export function createSqliteCredentialStore(db: Kysely<Database>): CredentialStore {
  return {
    async get(tenantId, userId) {
      const row = await db.selectFrom('password_credentials').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row && credentialFromRow(row);
    },

    async commitPasswordChange(change) {
      return immediateTransaction(db, async (trx) => {
        const user = await trx.selectFrom('users').select('username_key').where('tenant_id', '=', change.tenantId).where('id', '=', change.userId).executeTakeFirst();
        // A user deleted since the read is a lost race like any other.
        if (!user) return 'conflict';
        const current = await trx
          .selectFrom('password_credentials')
          .select(['version', 'hash'])
          .where('tenant_id', '=', change.tenantId)
          .where('user_id', '=', change.userId)
          .executeTakeFirst();
        const currentVersion = current === undefined ? null : toNumber(current.version);
        if (currentVersion !== change.expectedVersion) return 'conflict';

        const row = credentialToRow({
          tenantId: change.tenantId,
          userId: change.userId,
          hash: change.hash,
          temporary: change.temporary,
          changedAt: change.changedAt,
          disabledAt: null,
          expiredAt: null,
          version: (currentVersion ?? 0) + 1,
        });
        if (currentVersion === null) {
          await trx.insertInto('password_credentials').values(row).execute();
        } else {
          await trx.updateTable('password_credentials').set(row).where('tenant_id', '=', change.tenantId).where('user_id', '=', change.userId).execute();
        }
        await keepHistory(trx, change, current === undefined ? null : { version: toNumber(current.version), hash: current.hash });
        await trx.deleteFrom('sessions').where('tenant_id', '=', change.tenantId).where('user_id', '=', change.userId).execute();
        if (change.newSession) await trx.insertInto('sessions').values(sessionToRow(change.newSession)).execute();
        await trx.deleteFrom('attempt_throttle').where('tenant_id', '=', change.tenantId).where('throttle_key', '=', user.username_key).execute();
        for (const event of change.auditEvents) await appendSqliteAuditEvent(trx, event);
        return 'committed';
      });
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
      return immediateTransaction(db, async (trx) => {
        const current = await trx.selectFrom('password_credentials').select('expired_at').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
        if (!current) return false;
        // Idempotent: the first expiry stands and the version moves once.
        if (current.expired_at === null) {
          await trx
            .updateTable('password_credentials')
            .set({ expired_at: ms(at), version: sql<number>`version + 1` })
            .where('tenant_id', '=', tenantId)
            .where('user_id', '=', userId)
            .execute();
        }
        return true;
      });
    },
  };
}
