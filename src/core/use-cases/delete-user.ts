import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import { forbidden, notFound } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { isServiceUser } from '../users/user.js';

/**
 * Removes a user with their password and sessions, and forgets their failure counter so a later user
 * of the same name does not inherit a wait. An administrator cannot delete themselves.
 */
export async function deleteUser(
  deps: Pick<Ports, 'users' | 'throttle' | 'audit' | 'clock' | 'tokens'>,
  actor: Actor,
  input: { tenantId: string; userId: string },
  context: RequestContext,
): Promise<void> {
  requireAdmin(actor, input.tenantId);
  if (actor.kind === 'user' && actor.userId === input.userId) throw forbidden('self');
  const user = await deps.users.getById(input.tenantId, input.userId);
  if (!user || isServiceUser(user) || !(await deps.users.delete(input.tenantId, input.userId))) throw notFound('user');
  await deps.throttle.reset(user.tenantId, user.usernameKey);
  await recordAudit(deps, { tenantId: input.tenantId, type: 'user.delete', outcome: 'success', actor, subjectId: input.userId }, context);
}
