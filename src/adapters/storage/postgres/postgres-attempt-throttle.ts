import { sql, type Kysely } from 'kysely';
import type { AttemptThrottle } from '../../../core/ports/attempt-throttle.js';
import { ms, toNullableDate, toNumber } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';

export function createPostgresAttemptThrottle(db: Kysely<Database>): AttemptThrottle {
  const row = (trx: Kysely<Database>, tenantId: string, key: string) =>
    trx.selectFrom('attempt_throttle').select(['failures', 'locked_until']).where('tenant_id', '=', tenantId).where('throttle_key', '=', key);
  return {
    async begin(tenantId, key, now, delaySeconds) {
      return db.transaction().execute(async (trx) => {
        // One statement that inserts the row or, when it exists, locks it with a no-op update, and returns
        // it: racing attempts on one key queue on that lock, so each reads the count and lock its
        // predecessor wrote. (A separate INSERT … DO NOTHING then SELECT … FOR UPDATE can find no row when
        // a successful log-in resets the key in between.) A fresh row holds no failure until updated below.
        const current = await trx
          .insertInto('attempt_throttle')
          .values({ tenant_id: tenantId, throttle_key: key, failures: 0, locked_until: null, last_failure_at: ms(now) })
          .onConflict((oc) => oc.columns(['tenant_id', 'throttle_key']).doUpdateSet({ failures: sql<number>`attempt_throttle.failures` }))
          .returning(['failures', 'locked_until'])
          .executeTakeFirstOrThrow();
        const lockedUntil = toNullableDate(current.locked_until);
        if (lockedUntil !== null && lockedUntil.getTime() > now.getTime()) return { allowed: false as const, lockedUntil };
        const failures = toNumber(current.failures) + 1;
        const delay = delaySeconds(failures);
        const lock = delay > 0 ? new Date(now.getTime() + Math.ceil(delay * 1000)) : null;
        await trx
          .updateTable('attempt_throttle')
          .set({ failures, locked_until: lock && ms(lock), last_failure_at: ms(now) })
          .where('tenant_id', '=', tenantId)
          .where('throttle_key', '=', key)
          .execute();
        return { allowed: true as const, failures, lockedUntil: lock };
      });
    },
    async reset(tenantId, key) {
      await db.deleteFrom('attempt_throttle').where('tenant_id', '=', tenantId).where('throttle_key', '=', key).execute();
    },
    async get(tenantId, key) {
      const current = await row(db, tenantId, key).executeTakeFirst();
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
