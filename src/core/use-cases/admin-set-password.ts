import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import { forbidden, notFound, passwordPolicyViolation } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { assessNewPassword } from './steps/assess-new-password.js';
import { commitNewPassword } from './steps/commit-new-password.js';
import { historyViolation } from './steps/check-password-history.js';
import { loadTenant } from './steps/load-tenant.js';
import { normalisePassword } from '../credentials/password-policy.js';
import { isServiceUser } from '../users/user.js';

export type AdminSetPasswordDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'commonPasswords' | 'strength' | 'breach' | 'settings'
>;

export interface AdminSetPasswordInput {
  tenantId: string;
  userId: string;
  newPassword: string;
  /** Defaults to the tenant's policy (temporary unless configured otherwise; ASVS 6.4.1). */
  temporary?: boolean | undefined;
}

/**
 * An administrator sets a user's password. The policy applies (including same-as-current and the
 * history, checked against the stored hashes; the minimum age does not); the password is temporary
 * by default; every session of the user is revoked; a password disabled after too many failures or
 * expired becomes usable again.
 */
export async function adminSetPassword(
  deps: AdminSetPasswordDeps,
  actor: Actor,
  input: AdminSetPasswordInput,
  context: RequestContext,
): Promise<void> {
  requireAdmin(actor, input.tenantId);
  // Administrators change their own password like everyone else: with the current one.
  if (actor.kind === 'user' && actor.userId === input.userId) throw forbidden('self');
  const tenant = await loadTenant(deps, input.tenantId);
  const user = await deps.users.getById(input.tenantId, input.userId);
  if (!user || isServiceUser(user)) throw notFound('user');
  const credential = await deps.credentials.get(tenant.id, user.id);

  const violations = await assessNewPassword(deps, tenant, user, input.newPassword);
  const password = normalisePassword(input.newPassword);
  if (violations.length === 0 && credential && (await deps.hasher.verify(credential.hash, password))) {
    violations.push({ code: 'same_as_current' });
  }
  if (violations.length === 0) {
    const reused = await historyViolation(deps, tenant, user.id, password);
    if (reused !== null) violations.push(reused);
  }
  if (violations.length > 0) {
    await recordAudit(deps, { tenantId: tenant.id, type: 'password.admin_set', outcome: 'failure', actor, subjectId: user.id, reason: 'password_policy' }, context);
    throw passwordPolicyViolation(violations);
  }

  const temporary = input.temporary ?? tenant.policy.adminSetTemporaryByDefault;
  await commitNewPassword(deps, {
    tenantId: tenant.id,
    userId: user.id,
    expectedVersion: credential?.version ?? null,
    password,
    temporary,
    keepHistory: tenant.policy.historyDepth,
    newSession: null,
    audit: [
      { tenantId: tenant.id, type: 'password.admin_set', outcome: 'success', actor, subjectId: user.id, reason: temporary ? 'temporary' : 'permanent' },
      { tenantId: tenant.id, type: 'sessions.revoke', outcome: 'success', actor, subjectId: user.id, reason: 'admin_set_password' },
    ],
  }, context);
}
