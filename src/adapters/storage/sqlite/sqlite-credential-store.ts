import type { Kysely } from 'kysely';
import type { CredentialStore } from '../../../core/ports/credential-store.js';
import { keepHistory } from './sqlite-password-history.js';
import { credentialToRow, sessionToRow, toNumber } from '../sql/rows.js';
import { createSqlCredentialStore } from '../sql/sql-credential-store.js';
import type { Database } from '../sql/schema.js';
import { appendSqliteAuditEvent } from './sqlite-audit-log.js';
import { immediateTransaction } from './sqlite-transaction.js';

export function createSqliteCredentialStore(db: Kysely<Database>): CredentialStore {
  return createSqlCredentialStore(db, (change) =>
    immediateTransaction(db, async (trx) => {
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
    }),
  );
}
