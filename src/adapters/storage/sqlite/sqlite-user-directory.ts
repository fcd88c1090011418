import { sql, type Kysely } from 'kysely';
import { conflict } from '../../../core/errors.js';
import type { UserDirectory } from '../../../core/ports/user-directory.js';
import { decodeCursor, encodeCursor, isKeyCursor } from '../sql/cursor.js';
import { byDeletion, byPatch, guardLastAdministrator } from '../sql/last-administrator.js';
import { credentialToRow, userFromRow, userPatchToRow, userToRow } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';
import { uniqueViolationColumns } from './sqlite-constraint.js';
import { immediateTransaction } from './sqlite-transaction.js';

function asConflict(error: unknown): unknown {
  const columns = uniqueViolationColumns(error);
  if (columns?.includes('users.username_key')) return conflict('username');
  if (columns?.includes('users.email_key')) return conflict('email');
  if (columns?.includes('users.id')) return conflict('id');
  return error;
}

export function createSqliteUserDirectory(db: Kysely<Database>): UserDirectory {
  const one = (tenantId: string) => db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
  return {
    async create(user, credential) {
      try {
        await immediateTransaction(db, async (trx) => {
          await trx.insertInto('users').values(userToRow(user)).execute();
          if (credential) await trx.insertInto('password_credentials').values(credentialToRow({ ...credential, tenantId: user.tenantId, userId: user.id })).execute();
        });
      } catch (error) {
        throw asConflict(error);
      }
    },
    async getById(tenantId, id) {
      const row = await one(tenantId).where('id', '=', id).executeTakeFirst();
      return row && userFromRow(row);
    },
    async getByUsernameKey(tenantId, key) {
      const row = await one(tenantId).where('username_key', '=', key).executeTakeFirst();
      return row && userFromRow(row);
    },
    async getByEmailKey(tenantId, key) {
      const row = await one(tenantId).where('email_key', '=', key).executeTakeFirst();
      return row && userFromRow(row);
    },
    async list(tenantId, query) {
      const limit = Math.max(0, query.limit);
      let select = one(tenantId);
      if (query.cursor !== undefined) select = select.where('username_key', '>', decodeCursor(query.cursor, isKeyCursor).k);
      const q = query.q;
      // A prefix compared with substr, not LIKE: '%' and '_' in the query stay literal, case stays exact.
      if (q !== undefined) {
        select = select.where((eb) =>
          eb.or([eb(sql`substr(username_key, 1, length(${q}))`, '=', q), eb(sql`substr(email_key, 1, length(${q}))`, '=', q)]),
        );
      }
      const rows = await select.orderBy('username_key').limit(limit + 1).execute();
      const items = rows.slice(0, limit).map(userFromRow);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ k: last.usernameKey }) : null };
    },
    async update(tenantId, id, patch) {
      try {
        return await immediateTransaction(db, async (trx) => {
          if (patch.roles !== undefined || patch.status !== undefined) await guardLastAdministrator(trx, tenantId, id, false, byPatch(patch));
          const row = await trx.updateTable('users').set(userPatchToRow(patch)).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
          return row && userFromRow(row);
        });
      } catch (error) {
        throw asConflict(error);
      }
    },
    async delete(tenantId, id) {
      // The foreign keys cascade too; deleting explicitly keeps the guarantee visible and portable.
      return immediateTransaction(db, async (trx) => {
        await guardLastAdministrator(trx, tenantId, id, false, byDeletion);
        await trx.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
        await trx.deleteFrom('password_credentials').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
        const result = await trx.deleteFrom('users').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },
    async anyWithRole(tenantId, role) {
      // Roles are a fixed set of plain words stored as a JSON array, so the quoted name cannot match by accident.
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('roles', 'like', `%${JSON.stringify(role)}%`)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
