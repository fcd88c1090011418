import { sql, type Kysely } from 'kysely';
import type { CredentialStore, PasswordChange } from '../../../core/ports/credential-store.js';
import { auditEventToRow, credentialToRow, ms, sessionToRow } from '../sql/rows.js';
import { createSqlCredentialStore } from '../sql/sql-credential-store.js';
import type { Database } from '../sql/schema.js';

type Row = Record<string, unknown>;
const columns = (row: Row) => sql.join(Object.keys(row).map((column) => sql.ref(column)));
const values = (row: Row) => sql.join(Object.values(row));
/** A sub-statement that writes only once the credential is written. */
const onceWritten = sql`exists (select from written)`;

/**
 * The whole change as one statement, so it costs one round trip and commits or fails as a unit. The
 * sub-statements of a WITH share one snapshot and none sees another's writes; each one that writes
 * waits on `written`, which is empty when the change lost (a version that moved, a user deleted).
 *
 * - `owner` takes FOR SHARE on the user before the credential row is locked (the order delete uses),
 *   holding off a concurrent delete until this commits.
 * - `written` compare-and-sets on the version: a racing writer waits for the first to commit, then
 *   finds the version moved (or the row present) and writes nothing.
 * - `replaced` is the row that version had. Every write moves the version, so when `written` holds,
 *   the snapshot's row is the one replaced.
 * - The history keeps the replaced hash and the newest entries up to `keepHistory` in all.
 * - The rows inserted after it (the new session, the audit events) form a chain, each waiting on the
 *   one before, so the audit events are numbered in the order given.
 */
function commitStatement(change: PasswordChange) {
  const { tenantId, userId, expectedVersion } = change;
  const credential = credentialToRow({ ...change, disabledAt: null, expiredAt: null, version: (expectedVersion ?? 0) + 1 });
  const write =
    expectedVersion === null
      ? sql`insert into password_credentials (${columns(credential)}) select ${values(credential)}
            where exists (select from owner) on conflict (tenant_id, user_id) do nothing returning version`
      : sql`update password_credentials set ${sql.join(Object.entries(credential).map(([column, value]) => sql`${sql.ref(column)} = ${value}`))}
            where tenant_id = ${tenantId} and user_id = ${userId} and version = ${expectedVersion} and exists (select from owner)
            returning version`;
  const keep = Math.max(0, change.keepHistory);
  const inserts = [
    ...(change.newSession === null ? [] : [{ table: 'sessions', row: sessionToRow(change.newSession) }]),
    ...change.auditEvents.map((event) => ({ table: 'audit_events', row: auditEventToRow(event) })),
  ];
  return sql<{ version: string }>`
    with owner as (
      select username_key from users where tenant_id = ${tenantId} and id = ${userId} for share
    ), replaced as (
      select version, hash from password_credentials where tenant_id = ${tenantId} and user_id = ${userId} and version = ${expectedVersion}
    ), written as (
      ${write}
    ), kept as (
      insert into password_history (tenant_id, user_id, version, hash, changed_at)
      select ${tenantId}, ${userId}, version, hash, ${ms(change.changedAt)} from replaced where ${keep} > 0 and ${onceWritten}
    ), trimmed as (
      delete from password_history where tenant_id = ${tenantId} and user_id = ${userId} and ${onceWritten} and version not in (
        select version from password_history where tenant_id = ${tenantId} and user_id = ${userId}
        order by version desc limit greatest(${keep} - (select count(*) from replaced), 0))
    ), revoked as (
      delete from sessions where tenant_id = ${tenantId} and user_id = ${userId} and ${onceWritten}
    ), cleared as (
      delete from attempt_throttle where tenant_id = ${tenantId} and throttle_key in (select username_key from owner) and ${onceWritten}
    )${sql.join(
      inserts.map(
        ({ table, row }, i) =>
          sql`, ${sql.id(`inserted_${i}`)} as (insert into ${sql.table(table)} (${columns(row)})
               select ${values(row)} where exists (select from ${sql.id(i === 0 ? 'written' : `inserted_${i - 1}`)}) returning 1)`,
      ),
      sql``,
    )}
    select version from written`;
}

export function createPostgresCredentialStore(db: Kysely<Database>): CredentialStore {
  return createSqlCredentialStore(db, async (change) => {
    const { rows } = await commitStatement(change).execute(db);
    return rows.length === 1 ? 'committed' : 'conflict';
  });
}
