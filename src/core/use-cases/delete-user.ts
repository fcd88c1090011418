import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import { forbidden, notFound } from '../errors.js';
import type { Ports } from '../ports/index.js';

/** Removes a user with their password and sessions. An administrator cannot delete themselves. */
export async function deleteUser(
  deps: Pick<Ports, 'users' | 'audit' | 'clock' | 'tokens'>,
  actor: Actor,
  input: { tenantId: string; userId: string },
  context: RequestContext,
): Promise<void> {
  requireAdmin(actor, input.tenantId);
  if (actor.kind === 'user' && actor.userId === input.userId) throw forbidden('self');
  if (!(await deps.users.delete(input.tenantId, input.userId))) throw notFound('user');
  await recordAudit(deps, { tenantId: input.tenantId, type: 'user.delete', outcome: 'success', actor, subjectId: input.userId }, context);
}
