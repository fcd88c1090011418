import { sql, type Kysely, type RawBuilder } from 'kysely';
import { waitAfterFailures } from '../../../core/credentials/lockout-schedule.js';
import type { AttemptThrottle } from '../../../core/ports/attempt-throttle.js';
import { ms, toNullableDate, toNumber } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';

/**
 * One statement, one round trip: inserts the key's first failure, or adds one to an unlocked key and
 * sets the lock the schedule asks for after that many failures. Racing attempts on one key queue on
 * the row lock of the upsert and each sees the count its predecessor wrote, so no increment is lost.
 * Returns nothing when the key is locked at `now` (the row is left as it was).
 */
function countFailure(db: Kysely<Database>, tenantId: string, key: string, now: Date, waitsMs: readonly number[]) {
  const schedule = waitsMs.length === 0 ? [0] : waitsMs;
  const first = waitAfterFailures(schedule, 1);
  // The wait after n failures: entry n of the schedule (1-based), its last entry beyond it.
  const waitAfter = (failures: RawBuilder<number>) => sql<number>`(${schedule}::bigint[])[least(${failures}, ${schedule.length})]`;
  const next = sql<number>`attempt_throttle.failures + 1`;
  return db
    .insertInto('attempt_throttle')
    .values({ tenant_id: tenantId, throttle_key: key, failures: 1, locked_until: first > 0 ? ms(now) + first : null, last_failure_at: ms(now) })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'throttle_key'])
        .doUpdateSet({
          failures: next,
          locked_until: sql<number | null>`nullif(${ms(now)}::bigint + ${waitAfter(next)}, ${ms(now)}::bigint)`,
          last_failure_at: ms(now),
        })
        .where((eb) => eb.or([eb('attempt_throttle.locked_until', 'is', null), eb('attempt_throttle.locked_until', '<=', ms(now))])),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirst();
}

export function createPostgresAttemptThrottle(db: Kysely<Database>): AttemptThrottle {
  const row = (trx: Kysely<Database>, tenantId: string, key: string) =>
    trx.selectFrom('attempt_throttle').select(['failures', 'locked_until']).where('tenant_id', '=', tenantId).where('throttle_key', '=', key);
  return {
    async begin(tenantId, key, now, waitsMs) {
      // A locked key is refused without counting. Between the refusing upsert and the read of the
      // lock, a successful log-in may clear the key; then the attempt simply starts again. Should that
      // keep happening, the attempt is refused for a second rather than let through uncounted.
      for (let tries = 0; tries < 10; tries += 1) {
        const counted = await countFailure(db, tenantId, key, now, waitsMs);
        if (counted !== undefined) {
          return { allowed: true as const, failures: toNumber(counted.failures), lockedUntil: toNullableDate(counted.locked_until) };
        }
        const current = await row(db, tenantId, key).executeTakeFirst();
        const lockedUntil = toNullableDate(current?.locked_until ?? null);
        if (lockedUntil !== null && lockedUntil.getTime() > now.getTime()) return { allowed: false as const, lockedUntil };
      }
      return { allowed: false as const, lockedUntil: new Date(now.getTime() + 1000) };
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
