import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import { notFound } from '../errors.js';
import type { Ports } from '../ports/index.js';

/**
 * Clears a user's failure counter and any wait in force. A password disabled after too many
 * failures stays disabled: only a new password from an administrator restores it (NIST §3.2.2).
 */
export async function unlockUser(
  deps: Pick<Ports, 'users' | 'throttle' | 'audit' | 'clock' | 'tokens'>,
  actor: Actor,
  input: { tenantId: string; userId: string },
  context: RequestContext,
): Promise<void> {
  requireAdmin(actor, input.tenantId);
  const user = await deps.users.getById(input.tenantId, input.userId);
  if (!user) throw notFound('user');
  await deps.throttle.reset(user.tenantId, user.usernameKey);
  await recordAudit(deps, { tenantId: user.tenantId, type: 'account.unlock', outcome: 'success', actor, subjectId: user.id }, context);
}
