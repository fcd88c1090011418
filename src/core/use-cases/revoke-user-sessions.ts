import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import { notFound } from '../errors.js';
import type { Ports } from '../ports/index.js';

/** An administrator ends every session of a user. Returns how many were revoked. */
export async function revokeUserSessions(
  deps: Pick<Ports, 'users' | 'sessions' | 'audit' | 'clock' | 'tokens'>,
  actor: Actor,
  input: { tenantId: string; userId: string },
  context: RequestContext,
): Promise<number> {
  requireAdmin(actor, input.tenantId);
  const user = await deps.users.getById(input.tenantId, input.userId);
  if (!user) throw notFound('user');
  const revoked = await deps.sessions.revokeAllForUser(user.tenantId, user.id);
  await recordAudit(deps, { tenantId: user.tenantId, type: 'sessions.revoke', outcome: 'success', actor, subjectId: user.id, reason: `count=${revoked}` }, context);
  return revoked;
}
