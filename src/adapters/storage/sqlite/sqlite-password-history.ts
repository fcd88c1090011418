import type { Kysely } from 'kysely';
import type { PasswordChange } from '../../../core/ports/credential-store.js';
import { ms } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';

/**
 * Part of a password change's transaction on SQLite: pushes the replaced hash (if any) into the
 * user's history, then keeps only the newest `change.keepHistory` entries. (PostgreSQL does the same
 * inside its one-statement change.)
 */
export async function keepHistory(
  trx: Kysely<Database>,
  change: Pick<PasswordChange, 'tenantId' | 'userId' | 'changedAt' | 'keepHistory'>,
  replaced: { version: number; hash: string } | null,
): Promise<void> {
  const { tenantId, userId } = change;
  const entries = trx.deleteFrom('password_history').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
  if (change.keepHistory <= 0) {
    await entries.execute();
    return;
  }
  if (replaced !== null) {
    await trx
      .insertInto('password_history')
      .values({ tenant_id: tenantId, user_id: userId, version: replaced.version, hash: replaced.hash, changed_at: ms(change.changedAt) })
      .execute();
  }
  const oldestKept = await trx
    .selectFrom('password_history')
    .select('version')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .orderBy('version', 'desc')
    .limit(1)
    .offset(change.keepHistory - 1)
    .executeTakeFirst();
  if (oldestKept !== undefined) await entries.where('version', '<', oldestKept.version).execute();
}
