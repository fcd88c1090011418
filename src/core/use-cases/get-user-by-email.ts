import type { Actor } from '../authorization/actor.js';
import { requireReader } from '../authorization/authorize.js';
import { notFound } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { emailKey } from '../users/user.js';
import type { UserView } from '../users/user-view.js';
import { loadUserView } from './steps/load-user-view.js';

/**
 * An administrator or auditor finds a user of their tenant by e-mail address (compared by e-mail key),
 * for wire formats that name users that way (Kii `EMAIL:<address>`). The role check comes first.
 */
export async function getUserByEmail(
  deps: Pick<Ports, 'users' | 'credentials' | 'throttle' | 'clock'>,
  actor: Actor,
  tenantId: string,
  email: string,
): Promise<UserView> {
  requireReader(actor, tenantId);
  const key = emailKey(email);
  const user = key === null ? undefined : await deps.users.getByEmailKey(tenantId, key);
  if (!user) throw notFound('user');
  return loadUserView(deps, user);
}
