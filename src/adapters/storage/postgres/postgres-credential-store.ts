import { sql, type Kysely } from 'kysely';
import type { CredentialStore } from '../../../core/ports/credential-store.js';
import { keepHistory } from '../sql/password-history.js';
import { credentialFromRow, credentialToRow, ms, sessionToRow } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';

export function createPostgresCredentialStore(db: Kysely<Database>): CredentialStore {
  return {
    async get(tenantId, userId) {
      const row = await db.selectFrom('password_credentials').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row && credentialFromRow(row);
    },

    async commitPasswordChange(change) {
      const { tenantId, userId, expectedVersion } = change;
      return db.transaction().execute(async (trx) => {
        // FOR SHARE holds off a concurrent delete of the user until this commits; a user deleted since
        // the read is a lost race like any other. Users are locked before credentials here and in
        // delete, so the two cannot deadlock.
        const user = await trx.selectFrom('users').select('username_key').where('tenant_id', '=', tenantId).where('id', '=', userId).forShare().executeTakeFirst();
        if (!user) return 'conflict';
        // The replaced hash goes into the history; FOR UPDATE makes a racing writer wait here, then find the version moved.
        const replaced =
          expectedVersion === null
            ? null
            : await trx
                .selectFrom('password_credentials')
                .select('hash')
                .where('tenant_id', '=', tenantId)
                .where('user_id', '=', userId)
                .where('version', '=', expectedVersion)
                .forUpdate()
                .executeTakeFirst();
        if (expectedVersion !== null && replaced === undefined) return 'conflict';

        const row = credentialToRow({ ...change, disabledAt: null, expiredAt: null, version: (expectedVersion ?? 0) + 1 });
        // Compare-and-set in one statement: a racing writer waits for the first to commit, then finds
        // the version moved (or the row present) and changes nothing.
        const written =
          expectedVersion === null
            ? await trx
                .insertInto('password_credentials')
                .values(row)
                .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing())
                .returning('version')
                .executeTakeFirst()
            : await trx
                .updateTable('password_credentials')
                .set(row)
                .where('tenant_id', '=', tenantId)
                .where('user_id', '=', userId)
                .where('version', '=', expectedVersion)
                .returning('version')
                .executeTakeFirst();
        if (written === undefined) return 'conflict';
        await keepHistory(trx, change, expectedVersion === null || !replaced ? null : { version: expectedVersion, hash: replaced.hash });

        await trx.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
        if (change.newSession) await trx.insertInto('sessions').values(sessionToRow(change.newSession)).execute();
        await trx.deleteFrom('attempt_throttle').where('tenant_id', '=', tenantId).where('throttle_key', '=', user.username_key).execute();
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
