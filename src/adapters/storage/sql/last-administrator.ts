import type { Kysely, Updateable } from 'kysely';
import { forbidden } from '../../../core/errors.js';
import type { UserPatch } from '../../../core/ports/user-directory.js';
import { isActiveAdministrator, patchRemovesAdministrator } from '../../../core/users/administrators.js';
import { ms, userFromRow } from './rows.js';
import type { Database, UsersTable } from './schema.js';

/** The columns a UserPatch writes. */
export function userPatchToRow(patch: UserPatch): Updateable<UsersTable> {
  const set: Updateable<UsersTable> = { updated_at: ms(patch.updatedAt) };
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.emailKey !== undefined) set.email_key = patch.emailKey;
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.roles !== undefined) set.roles = JSON.stringify(patch.roles);
  if (patch.status !== undefined) set.status = patch.status;
  return set;
}

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
  removes: (user: ReturnType<typeof userFromRow>) => boolean,
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
export const byPatch = (patch: UserPatch) => (user: ReturnType<typeof userFromRow>) => patchRemovesAdministrator(user, patch);
/** For delete: whether the user is an active administrator. */
export const byDeletion = (user: ReturnType<typeof userFromRow>) => isActiveAdministrator(user);
