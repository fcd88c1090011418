import type { Kysely } from 'kysely';
import { forbidden } from '../../../core/errors.js';
import type { UserPatch } from '../../../core/ports/user-directory.js';
import { isActiveAdministrator, patchRemovesAdministrator } from '../../../core/users/administrators.js';
import type { User } from '../../../core/users/user.js';
import { userFromRow } from './rows.js';
import type { Database } from './schema.js';

/**
 * Inside the transaction that writes: refuses with Forbidden('last_admin') a write that takes the
 * standing of user `id` away (`removes` says whether it does, given the user as it is) when no other
 * active administrator of the tenant would remain.
 *
 * With `lock` (PostgreSQL) the tenant's administrators are locked first, in id order, then the user:
 * every guarded write takes them in that order, so of two administrators demoting each other at once
 * the second waits, then finds the first gone from the set. SQLite's immediate transactions already
 * run one at a time.
 */
export async function guardLastAdministrator(
  trx: Kysely<Database>,
  tenantId: string,
  id: string,
  lock: boolean,
  removes: (user: User) => boolean,
): Promise<void> {
  let administrators = trx
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'active')
    // Roles are a fixed set of plain words stored as a JSON array: the quoted name cannot match by accident.
    .where('roles', 'like', '%"admin"%')
    // Service principals (names starting with $) hold the role but administer nothing.
    .where('username', 'not like', '$%')
    .orderBy('id');
  if (lock) administrators = administrators.forUpdate();
  const others = (await administrators.execute()).filter((row) => row.id !== id);
  let user = trx.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (lock) user = user.forUpdate();
  const row = await user.executeTakeFirst();
  if (row !== undefined && removes(userFromRow(row)) && others.length === 0) throw forbidden('last_admin');
}

/** For update: whether the patch demotes or disables an active administrator. */
export const byPatch = (patch: UserPatch) => (user: User) => patchRemovesAdministrator(user, patch);
/** For delete: whether the user is an active administrator. */
export const byDeletion = (user: User) => isActiveAdministrator(user);
