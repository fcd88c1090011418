import type { Actor } from '../authorization/actor.js';
import { requireReader } from '../authorization/authorize.js';
import type { Ports } from '../ports/index.js';
import type { UserView } from '../users/user-view.js';
import { usernameKey } from '../users/user.js';
import { loadUserView } from './steps/load-user-view.js';

export interface ListUsersInput {
  tenantId: string;
  limit: number;
  cursor?: string | undefined;
  q?: string | undefined;
}

export async function listUsers(
  deps: Pick<Ports, 'users' | 'credentials' | 'throttle' | 'clock'>,
  actor: Actor,
  input: ListUsersInput,
): Promise<{ items: UserView[]; nextCursor: string | null }> {
  requireReader(actor, input.tenantId);
  const page = await deps.users.list(input.tenantId, {
    limit: input.limit,
    cursor: input.cursor,
    q: input.q === undefined ? undefined : usernameKey(input.q),
  });
  return { items: await Promise.all(page.items.map((user) => loadUserView(deps, user))), nextCursor: page.nextCursor };
}
