import type { Actor } from '../authorization/actor.js';
import { requireReader } from '../authorization/authorize.js';
import { notFound } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { UserView } from '../users/user-view.js';
import { usernameKey } from '../users/user.js';
import { loadUserView } from './steps/load-user-view.js';

/**
 * An administrator or auditor finds a user of their tenant by username (compared by username key),
 * for wire formats that name users rather than ids. The role check comes first, so a caller without
 * the right learns nothing about which usernames exist.
 */
export async function getUserByUsername(
  deps: Pick<Ports, 'users' | 'credentials' | 'throttle' | 'clock'>,
  actor: Actor,
  tenantId: string,
  username: string,
): Promise<UserView> {
  requireReader(actor, tenantId);
  const user = await deps.users.getByUsernameKey(tenantId, usernameKey(username));
  if (!user) throw notFound('user');
  return loadUserView(deps, user);
}
