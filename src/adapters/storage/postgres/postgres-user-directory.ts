import { sql, type Kysely } from 'kysely';
import { conflict } from '../../../core/errors.js';
import type { UserDirectory } from '../../../core/ports/user-directory.js';
import { decodeCursor, encodeCursor, isKeyCursor } from '../sql/cursor.js';
import { byDeletion, byPatch, guardLastAdministrator } from '../sql/last-administrator.js';
import { credentialToRow, userFromRow, userPatchToRow, userToRow } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';
import { uniqueViolationConstraint } from './postgres-constraint.js';

function asConflict(error: unknown): unknown {
  const constraint = uniqueViolationConstraint(error);
  if (constraint === 'users_username_key_unique') return conflict('username');
  if (constraint === 'users_email_key_unique') return conflict('email');
  if (constraint === 'users_pk' || constraint === 'users_tenant_id_id_unique') return conflict('id');
  return error;
}

export function createPostgresUserDirectory(db: Kysely<Database>): UserDirectory {
  const one = (tenantId: string) => db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId);
  return {
    async create(user, credential) {
      try {
        await db.transaction().execute(async (trx) => {
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
      // A prefix test, not LIKE: '%' and '_' in the query stay literal, case stays exact.
      if (q !== undefined) select = select.where(sql<boolean>`(starts_with(username_key, ${q}) or starts_with(email_key, ${q}))`);
      const rows = await select.orderBy('username_key').limit(limit + 1).execute();
      const items = rows.slice(0, limit).map(userFromRow);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ k: last.usernameKey }) : null };
    },
    async update(tenantId, id, patch) {
      const write = async (trx: Kysely<Database>) => {
        const row = await trx.updateTable('users').set(userPatchToRow(patch)).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirst();
        return row && userFromRow(row);
      };
      try {
        // Only a change of roles or status can take an administrator away; the rest is one statement.
        if (patch.roles === undefined && patch.status === undefined) return await write(db);
        return await db.transaction().execute(async (trx) => {
          await guardLastAdministrator(trx, tenantId, id, true, byPatch(patch));
          return write(trx);
        });
      } catch (error) {
        throw asConflict(error);
      }
    },
    async delete(tenantId, id) {
      return db.transaction().execute(async (trx) => {
        // The tenant's administrators and the user are locked first, in one statement ordered by id
        // (and the user before its credential, as commitPasswordChange does), so writes cannot deadlock.
        await guardLastAdministrator(trx, tenantId, id, true, byDeletion);
        const user = await trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
        if (!user) return false;
        // The foreign keys cascade too; deleting explicitly keeps the guarantee visible and portable.
        await trx.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
        await trx.deleteFrom('password_credentials').where('tenant_id', '=', tenantId).where('user_id', '=', id).execute();
        await trx.deleteFrom('users').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
        return true;
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
