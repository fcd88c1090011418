import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import { notFound } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { isServiceUser } from '../users/user.js';

/**
 * An administrator expires a user's password now: the next log-in yields a session that may only
 * change it, and every session of the user is revoked. Any new password clears the expiry. A user
 * without a password has nothing to expire; the call still succeeds (and is audited) so it is idempotent.
 */
export async function expirePassword(
  deps: Pick<Ports, 'users' | 'credentials' | 'sessions' | 'audit' | 'clock' | 'tokens'>,
  actor: Actor,
  input: { tenantId: string; userId: string },
  context: RequestContext,
): Promise<void> {
  requireAdmin(actor, input.tenantId);
  const user = await deps.users.getById(input.tenantId, input.userId);
  if (!user || isServiceUser(user)) throw notFound('user');
  const expired = await deps.credentials.expire(user.tenantId, user.id, deps.clock.now());
  await deps.sessions.revokeAllForUser(user.tenantId, user.id);
  await recordAudit(deps, { tenantId: user.tenantId, type: 'password.expire', outcome: 'success', actor, subjectId: user.id, reason: expired ? null : 'no_password' }, context);
  await recordAudit(deps, { tenantId: user.tenantId, type: 'sessions.revoke', outcome: 'success', actor, subjectId: user.id, reason: 'password_expire' }, context);
}
