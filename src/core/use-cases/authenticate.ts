import type { UserActor } from '../authorization/actor.js';
import { unauthenticated } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { sessionState, TOUCH_INTERVAL_MS } from '../sessions/session.js';

export type AuthenticateDeps = Pick<Ports, 'sessions' | 'tokens' | 'clock' | 'settings'>;

/**
 * Resolves a bearer token to the acting user. Reads the store on every call, so a session revoked on
 * any instance is refused everywhere on the next request. A disabled or deleted user's sessions stop
 * working at once.
 *
 * With `tenantId` (a wire format that serves one tenant), a session of any other tenant is refused as
 * unknown, after the same one read as an unknown token.
 */
export async function authenticate(deps: AuthenticateDeps, token: string | null | undefined, tenantId?: string): Promise<UserActor> {
  if (!token) throw unauthenticated('missing');
  const found = await deps.sessions.getWithUser(deps.tokens.digest(token));
  if (!found || (tenantId !== undefined && found.session.tenantId !== tenantId)) throw unauthenticated('unknown');
  const { session, user } = found;
  const now = deps.clock.now();
  if (sessionState(session, deps.settings.session, now) === 'expired') {
    await deps.sessions.revoke(session.id);
    throw unauthenticated('expired');
  }
  if (user.status !== 'active') throw unauthenticated('revoked');
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await deps.sessions.touch(session.id, now);
  return {
    kind: 'user',
    tenantId: session.tenantId,
    userId: session.userId,
    sessionId: session.id,
    roles: user.roles,
    passwordChangeOnly: session.passwordChangeOnly,
    authenticatedAt: session.authenticatedAt,
    sessionOrigin: session.origin,
  };
}
