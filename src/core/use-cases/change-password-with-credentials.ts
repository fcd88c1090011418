import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import { minimumAgeViolation } from '../credentials/password-age.js';
import { MAX_PASSWORD_INPUT_BYTES, normalisePassword, utf8ByteLength } from '../credentials/password-policy.js';
import { invalidCredentials, passwordPolicyViolation } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { issueSession, type IssuedSession } from '../sessions/issue-session.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import type { Tenant } from '../tenants/tenant.js';
import { usernameKey, isServiceUser, type User } from '../users/user.js';
import type { UserView } from '../users/user-view.js';
import { assessNewPassword } from './steps/assess-new-password.js';
import { commitNewPassword } from './steps/commit-new-password.js';
import { historyViolation } from './steps/check-password-history.js';
import { loadUserView } from './steps/load-user-view.js';
import { spendIpBudget } from './steps/spend-ip-budget.js';
import { verifyPasswordAttempt } from './steps/verify-password-attempt.js';

export type ChangePasswordWithCredentialsDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'sessions' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'ipLimiter' | 'commonPasswords' | 'strength' | 'breach' | 'settings'
>;

export interface ChangePasswordWithCredentialsInput {
  tenantId: string;
  username: string;
  currentPassword: string;
  newPassword: string;
}

/**
 * A change that authenticates by username and current password instead of a session — the
 * expired-password flow of some products. Unknown user and wrong password are one answer
 * (InvalidCredentials) after the same work; the same counter as log-in applies. On success the
 * user's sessions are revoked and a fresh session is issued, as a log-in would.
 */
export async function changePasswordWithCredentials(
  deps: ChangePasswordWithCredentialsDeps,
  input: ChangePasswordWithCredentialsInput,
  context: RequestContext,
): Promise<IssuedSession & { user: UserView }> {
  await spendIpBudget(deps, context);
  const tenant = await deps.tenants.get(input.tenantId);
  const key = usernameKey(input.username);
  const user = tenant ? await deps.users.getByUsernameKey(tenant.id, key) : undefined;

  // Policy first, but only with what the caller sent: judging against the stored e-mail or display
  // name before authentication would tell an anonymous caller that the user exists.
  if (tenant) {
    const violations = await assessNewPassword(deps, tenant, { username: input.username }, input.newPassword);
    if (violations.length > 0) throw passwordPolicyViolation(violations);
  }
  const current = utf8ByteLength(input.currentPassword) > MAX_PASSWORD_INPUT_BYTES ? null : normalisePassword(input.currentPassword);
  if (!tenant || current === null) {
    await deps.hasher.verifyDummy(current ?? '');
    throw invalidCredentials();
  }

  const credential = user ? await deps.credentials.get(tenant.id, user.id) : undefined;
  // A disabled user is verified against the dummy hash, as in log-in: with the right password the
  // answer stays InvalidCredentials, so a disabled account is indistinguishable from a wrong guess.
  const eligible = user !== undefined && user.status === 'active' && !isServiceUser(user);
  const matched = await verifyPasswordAttempt(
    deps,
    {
      tenantId: tenant.id,
      throttleKey: key,
      credential: eligible ? credential : undefined,
      userId: user?.id ?? null,
      password: current,
      lockout: tenant.policy.lockout,
      actor: null,
      auditType: 'password.change',
      clearOnMatch: 'commit',
    },
    context,
  );
  if (!matched || !user || !credential) throw invalidCredentials();
  // The attempt counted before the verification is cleared by the commit, in its transaction; a
  // change refused from here on clears it here.
  try {
    return await commitChange(deps, tenant, user, credential, current, input.newPassword, context);
  } catch (error) {
    await deps.throttle.reset(tenant.id, key);
    throw error;
  }
}

/** Once the current password matched: the owner's policy, same-as-current, age and history, then the commit. */
async function commitChange(
  deps: ChangePasswordWithCredentialsDeps,
  tenant: Tenant,
  user: User,
  credential: PasswordCredential,
  current: string,
  candidate: string,
  context: RequestContext,
): Promise<IssuedSession & { user: UserView }> {
  const newPassword = normalisePassword(candidate);
  const violations = await assessNewPassword(deps, tenant, user, candidate);
  if (newPassword === current) violations.push({ code: 'same_as_current' });
  const tooSoon = minimumAgeViolation(credential, tenant.policy, deps.clock.now());
  if (tooSoon !== null) violations.push(tooSoon);
  if (violations.length === 0) {
    const reused = await historyViolation(deps, tenant, user.id, newPassword);
    if (reused !== null) violations.push(reused);
  }
  if (violations.length > 0) {
    await recordAudit(deps, { tenantId: tenant.id, type: 'password.change', outcome: 'failure', actor: null, subjectId: user.id, reason: 'password_policy' }, context);
    throw passwordPolicyViolation(violations);
  }

  const issued = issueSession(deps, { tenantId: tenant.id, userId: user.id, authenticatedAt: deps.clock.now(), passwordChangeOnly: false, origin: context.dialect });
  const actor = { kind: 'user' as const, tenantId: tenant.id, userId: user.id, sessionId: issued.session.id, roles: user.roles, passwordChangeOnly: false, authenticatedAt: issued.session.authenticatedAt, sessionOrigin: context.dialect };
  await commitNewPassword(deps, {
    tenantId: tenant.id,
    userId: user.id,
    expectedVersion: credential.version,
    password: newPassword,
    temporary: false,
    keepHistory: tenant.policy.historyDepth,
    newSession: issued,
    audit: [
      { tenantId: tenant.id, type: 'password.change', outcome: 'success', actor, subjectId: user.id },
      { tenantId: tenant.id, type: 'sessions.revoke', outcome: 'success', actor, subjectId: user.id, reason: 'password_change' },
    ],
  }, context);
  return { ...issued, user: await loadUserView(deps, user) };
}
