import { toUserView, type UserView } from '../../users/user-view.js';
import type { User } from '../../users/user.js';
import type { Ports } from '../../ports/index.js';

export async function loadUserView(
  deps: Pick<Ports, 'credentials' | 'throttle' | 'clock'>,
  user: User,
): Promise<UserView> {
  const [credential, throttle] = await Promise.all([
    deps.credentials.get(user.tenantId, user.id),
    deps.throttle.get(user.tenantId, user.usernameKey),
  ]);
  return toUserView(user, credential, throttle, deps.clock.now());
}
