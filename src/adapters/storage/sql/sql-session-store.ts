import type { Kysely } from 'kysely';
import type { SessionStore } from '../../../core/ports/session-store.js';
import { ms, sessionFromRow, sessionToRow, toNumber, userFromRow } from './rows.js';
import type { Database } from './schema.js';

/**
 * Runs `work` in a transaction that no other such transaction for the same user runs beside: an
 * immediate transaction on SQLite, a transaction-scoped advisory lock on PostgreSQL.
 */
export type PerUserTransaction = <T>(tenantId: string, userId: string, work: (trx: Kysely<Database>) => Promise<T>) => Promise<T>;

function countLive(db: Kysely<Database>, tenantId: string, userId: string, origin: string, now: Date) {
  return db
    .selectFrom('sessions')
    // count(*) is a number in SQLite and a bigint in PostgreSQL, which pg returns as a string.
    .select((eb) => eb.fn.countAll<number | string>().as('live'))
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('origin', '=', origin)
    .where('expires_at', '>', ms(now))
    .executeTakeFirstOrThrow()
    .then((row) => toNumber(row.live));
}

/** The session store of both SQL databases: Kysely writes the same statements for SQLite and PostgreSQL. */
export function createSqlSessionStore(db: Kysely<Database>, perUser: PerUserTransaction): SessionStore {
  return {
    async create(session) {
      await db.insertInto('sessions').values(sessionToRow(session)).execute();
    },
    async get(id) {
      const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && sessionFromRow(row);
    },
    async getWithUser(id) {
      // Sessions and users share id, tenant_id and created_at: the user's columns are renamed.
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', (join) => join.onRef('users.tenant_id', '=', 'sessions.tenant_id').onRef('users.id', '=', 'sessions.user_id'))
        .selectAll('sessions')
        .select([
          'users.username',
          'users.username_key',
          'users.email',
          'users.email_key',
          'users.display_name',
          'users.roles',
          'users.status',
          'users.created_at as user_created_at',
          'users.updated_at as user_updated_at',
        ])
        .where('sessions.id', '=', id)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const { username, username_key, email, email_key, display_name, roles, status, user_created_at, user_updated_at, ...session } = row;
      const user = userFromRow({ id: session.user_id, tenant_id: session.tenant_id, username, username_key, email, email_key, display_name, roles, status, created_at: user_created_at, updated_at: user_updated_at });
      return { session: sessionFromRow(session), user };
    },
    async touch(id, lastSeenAt) {
      // Only forward: a late, slower request must not make the session look older than it is.
      await db.updateTable('sessions').set({ last_seen_at: ms(lastSeenAt) }).where('id', '=', id).where('last_seen_at', '<', ms(lastSeenAt)).execute();
    },
    async revoke(id) {
      const result = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async revokeAllForUser(tenantId, userId, exceptId) {
      let query = db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
      if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async createWithinLimit(session, limit, now) {
      return perUser(session.tenantId, session.userId, async (trx) => {
        if ((await countLive(trx, session.tenantId, session.userId, session.origin, now)) >= limit) return false;
        await trx.insertInto('sessions').values(sessionToRow(session)).execute();
        return true;
      });
    },
    countLive: (tenantId, userId, origin, now) => countLive(db, tenantId, userId, origin, now),
    async purgeExpired(now) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', ms(now)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
