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
 * With `lock` (PostgreSQL) the tenant's administrators and the user are locked in one statement, in
 * id order: every guarded write takes its locks in that one order, so two of them never wait on each
 * other in a cycle, and of two administrators demoting each other at once the second waits, then finds
 * the first gone from the set. FOR NO KEY UPDATE leaves the administrators' own log-ins (the foreign
 * key check of a new session) unblocked. SQLite's immediate transactions already run one at a time.
 */
export async function guardLastAdministrator(trx: Kysely<Database>, tenantId: string, id: string, lock: boolean, removes: (user: User) => boolean): Promise<void> {
  let query = trx
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'active'),
          // Roles are a fixed set of plain words stored as a JSON array: the quoted name cannot match by accident.
          eb('roles', 'like', '%"admin"%'),
          // Service principals (names starting with $) hold the role but administer nothing.
          eb('username', 'not like', '$%'),
        ]),
        eb('id', '=', id),
      ]),
    )
    .orderBy('id');
  if (lock) query = query.forNoKeyUpdate();
  const users = (await query.execute()).map(userFromRow);
  const user = users.find((candidate) => candidate.id === id);
  const others = users.filter((candidate) => candidate.id !== id && isActiveAdministrator(candidate));
  if (user !== undefined && removes(user) && others.length === 0) throw forbidden('last_admin');
}

/** For update: whether the patch demotes or disables an active administrator. */
export const byPatch = (patch: UserPatch) => (user: User) => patchRemovesAdministrator(user, patch);
/** For delete: whether the user is an active administrator. */
export const byDeletion = (user: User) => isActiveAdministrator(user);
