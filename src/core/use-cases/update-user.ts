import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import { forbidden, notFound, requestInvalid } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { UserPatch } from '../ports/user-directory.js';
import { displayNameErrors, emailErrors } from '../users/user-input.js';
import { emailKey, isServiceUser, type Role, type UserStatus } from '../users/user.js';
import type { UserView } from '../users/user-view.js';
import { loadUserView } from './steps/load-user-view.js';

export interface UpdateUserInput {
  tenantId: string;
  userId: string;
  email?: string | null | undefined;
  displayName?: string | null | undefined;
  roles?: Role[] | undefined;
  status?: UserStatus | undefined;
}

/**
 * An administrator edits a user. Disabling revokes every session at once. An administrator cannot
 * demote or disable themselves, so a tenant is never left without the admin who made the change.
 */
export async function updateUser(
  deps: Pick<Ports, 'users' | 'credentials' | 'sessions' | 'throttle' | 'audit' | 'clock' | 'tokens'>,
  actor: Actor,
  input: UpdateUserInput,
  context: RequestContext,
): Promise<UserView> {
  requireAdmin(actor, input.tenantId);
  const errors = [...emailErrors(input.email), ...displayNameErrors(input.displayName)];
  if (errors.length > 0) throw requestInvalid(errors);
  const existing = await deps.users.getById(input.tenantId, input.userId);
  if (!existing || isServiceUser(existing)) throw notFound('user');
  const isSelf = actor.kind === 'user' && actor.userId === existing.id;
  if (isSelf && (input.status === 'disabled' || (input.roles !== undefined && !input.roles.includes('admin')))) {
    throw forbidden('self');
  }

  const patch: UserPatch = { updatedAt: deps.clock.now() };
  if (input.email !== undefined) {
    patch.email = input.email;
    patch.emailKey = emailKey(input.email);
  }
  if (input.displayName !== undefined) patch.displayName = input.displayName;
  if (input.roles !== undefined) patch.roles = [...new Set(input.roles)];
  if (input.status !== undefined) patch.status = input.status;

  const updated = await deps.users.update(input.tenantId, input.userId, patch);
  if (!updated) throw notFound('user');
  await recordAudit(deps, { tenantId: input.tenantId, type: 'user.update', outcome: 'success', actor, subjectId: updated.id, reason: Object.keys(patch).filter((k) => k !== 'updatedAt' && k !== 'emailKey').join(',') }, context);
  if (input.status === 'disabled' && existing.status !== 'disabled') {
    await deps.sessions.revokeAllForUser(input.tenantId, updated.id);
    await recordAudit(deps, { tenantId: input.tenantId, type: 'sessions.revoke', outcome: 'success', actor, subjectId: updated.id, reason: 'user_disabled' }, context);
  }
  return loadUserView(deps, updated);
}
