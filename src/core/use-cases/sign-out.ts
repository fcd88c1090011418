import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { UserActor } from '../authorization/actor.js';
import type { Ports } from '../ports/index.js';

/** Ends the caller's own session. */
export async function signOut(
  deps: Pick<Ports, 'sessions' | 'audit' | 'clock' | 'tokens'>,
  actor: UserActor,
  context: RequestContext,
): Promise<void> {
  await deps.sessions.revoke(actor.sessionId);
  await recordAudit(deps, { tenantId: actor.tenantId, type: 'logout', outcome: 'success', actor, subjectId: actor.userId }, context);
}
