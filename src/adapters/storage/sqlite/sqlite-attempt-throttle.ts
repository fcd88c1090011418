import type { Kysely } from 'kysely';
import { waitAfterFailures } from '../../../core/credentials/lockout-schedule.js';
import type { AttemptThrottle } from '../../../core/ports/attempt-throttle.js';
import { ms, toNullableDate, toNumber } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';
import { immediateTransaction } from './sqlite-transaction.js';

export function createSqliteAttemptThrottle(db: Kysely<Database>): AttemptThrottle {
  const row = (trx: Kysely<Database>, tenantId: string, key: string) =>
    trx.selectFrom('attempt_throttle').select(['failures', 'locked_until']).where('tenant_id', '=', tenantId).where('throttle_key', '=', key).executeTakeFirst();
  return {
    async begin(tenantId, key, now, waitsMs) {
      // Read, decide and write under the write lock: no attempt can slip between the count and the lock.
      return immediateTransaction(db, async (trx) => {
        const current = await row(trx, tenantId, key);
        const lockedUntil = toNullableDate(current?.locked_until ?? null);
        if (lockedUntil !== null && lockedUntil.getTime() > now.getTime()) return { allowed: false as const, lockedUntil };
        const failures = (current === undefined ? 0 : toNumber(current.failures)) + 1;
        const wait = waitAfterFailures(waitsMs, failures);
        const lock = wait > 0 ? new Date(now.getTime() + wait) : null;
        const values = { failures, locked_until: lock && ms(lock), last_failure_at: ms(now) };
        await trx
          .insertInto('attempt_throttle')
          .values({ tenant_id: tenantId, throttle_key: key, ...values })
          .onConflict((oc) => oc.columns(['tenant_id', 'throttle_key']).doUpdateSet(values))
          .execute();
        return { allowed: true as const, failures, lockedUntil: lock };
      });
    },
    async reset(tenantId, key) {
      await db.deleteFrom('attempt_throttle').where('tenant_id', '=', tenantId).where('throttle_key', '=', key).execute();
    },
    async get(tenantId, key) {
      const current = await row(db, tenantId, key);
      return current && { failures: toNumber(current.failures), lockedUntil: toNullableDate(current.locked_until) };
    },
    async purgeStale(before) {
      const result = await db
        .deleteFrom('attempt_throttle')
        .where('last_failure_at', '<', ms(before))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', ms(before))]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
