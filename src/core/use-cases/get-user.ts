import type { Actor, UserActor } from '../authorization/actor.js';
import { requireReader } from '../authorization/authorize.js';
import { notFound, unauthenticated } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { UserView } from '../users/user-view.js';
import { loadUserView } from './steps/load-user-view.js';

type Deps = Pick<Ports, 'users' | 'credentials' | 'throttle' | 'clock'>;

/** An administrator or auditor reads a user of their tenant. */
export async function getUser(deps: Deps, actor: Actor, tenantId: string, userId: string): Promise<UserView> {
  requireReader(actor, tenantId);
  const user = await deps.users.getById(tenantId, userId);
  if (!user) throw notFound('user');
  return loadUserView(deps, user);
}

/** The caller reads themselves; allowed even in a change-only session. */
export async function getCurrentUser(deps: Deps, actor: UserActor): Promise<UserView> {
  const user = await deps.users.getById(actor.tenantId, actor.userId);
  if (!user) throw unauthenticated('revoked');
  return loadUserView(deps, user);
}
