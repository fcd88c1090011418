import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { UserActor } from '../authorization/actor.js';
import { minimumAgeViolation } from '../credentials/password-age.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import { MAX_PASSWORD_INPUT_BYTES, normalisePassword, utf8ByteLength } from '../credentials/password-policy.js';
import { forbidden, invalidCurrentPassword, passwordPolicyViolation, reauthenticationRequired, unauthenticated } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { issueSession, type IssuedSession } from '../sessions/issue-session.js';
import type { Tenant } from '../tenants/tenant.js';
import { isServiceUser, type User } from '../users/user.js';
import { commitNewPassword } from './steps/commit-new-password.js';
import { historyViolation } from './steps/check-password-history.js';
import { loadTenant } from './steps/load-tenant.js';
import { assessNewPassword } from './steps/assess-new-password.js';
import { spendIpBudget } from './steps/spend-ip-budget.js';
import { verifyPasswordAttempt } from './steps/verify-password-attempt.js';

export type ChangeOwnPasswordDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'sessions' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'ipLimiter' | 'commonPasswords' | 'strength' | 'breach' | 'settings'
>;

/**
 * How the caller proves it may change the password:
 * - `current-password`: the current password (ASVS 6.2.3); null only for a user who never had one.
 * - `recent-login`: for wire formats that carry no current password, a session from a password
 *   log-in within the tenant's re-authentication window stands in for it.
 */
export type ChangeProof = { kind: 'current-password'; password: string | null } | { kind: 'recent-login' };

export interface ChangeOwnPasswordInput {
  proof: ChangeProof;
  newPassword: string;
  /** Whether the caller gets a replacement session (native) or loses every session (Kii). */
  replaceSession: boolean;
}

/**
 * A user changes their own password. Policy first (it reveals nothing secret), then the proof
 * (counted toward lockout like a log-in), then same-as-current and the history, then one transaction
 * that stores the hash, revokes every session of the user, issues the caller's replacement if asked,
 * clears the failure counter and records the audit events.
 */
export async function changeOwnPassword(
  deps: ChangeOwnPasswordDeps,
  actor: UserActor,
  input: ChangeOwnPasswordInput,
  context: RequestContext,
): Promise<IssuedSession | null> {
  await spendIpBudget(deps, context);
  const tenant = await loadTenant(deps, actor.tenantId);
  const user = await deps.users.getById(actor.tenantId, actor.userId);
  if (!user) throw unauthenticated('revoked');
  // A service principal's sessions come from client credentials; it never gets a password.
  if (isServiceUser(user)) throw forbidden('externally_managed');
  const credential = await deps.credentials.get(user.tenantId, user.id);

  const violations = await assessNewPassword(deps, tenant, user, input.newPassword);
  const tooSoon = minimumAgeViolation(credential, tenant.policy, deps.clock.now());
  if (tooSoon !== null) violations.push(tooSoon);
  if (violations.length > 0) {
    await recordAudit(deps, { tenantId: tenant.id, type: 'password.change', outcome: 'failure', actor, subjectId: user.id, reason: 'password_policy' }, context);
    throw passwordPolicyViolation(violations);
  }
  const newPassword = normalisePassword(input.newPassword);

  if (input.proof.kind === 'recent-login') {
    // A password disabled after too many failures is restored only by an administrator (NIST §3.2.2).
    if (credential?.disabledAt) {
      await recordAudit(deps, { tenantId: tenant.id, type: 'password.change', outcome: 'failure', actor, subjectId: user.id, reason: 'password_unusable' }, context);
      throw invalidCurrentPassword();
    }
    const ageSeconds = (deps.clock.now().getTime() - actor.authenticatedAt.getTime()) / 1000;
    if (ageSeconds > tenant.policy.reauthenticationWindowSeconds) {
      await recordAudit(deps, { tenantId: tenant.id, type: 'password.change', outcome: 'failure', actor, subjectId: user.id, reason: 'reauthentication_required' }, context);
      throw reauthenticationRequired(tenant.policy.reauthenticationWindowSeconds);
    }
  } else if (input.proof.password === null) {
    // Only a user who never had a password may set the first one without giving it.
    if (credential !== undefined) {
      await verifyPasswordAttempt(
        deps,
        { tenantId: tenant.id, throttleKey: user.usernameKey, credential: undefined, userId: user.id, password: '', lockout: tenant.policy.lockout, actor, auditType: 'password.change' },
        context,
      );
      throw invalidCurrentPassword();
    }
  } else {
    // Input over 1 KiB is never normalised or hashed: it counts as a wrong password against the dummy hash.
    const oversized = utf8ByteLength(input.proof.password) > MAX_PASSWORD_INPUT_BYTES;
    const current = oversized ? '' : normalisePassword(input.proof.password);
    const matched = await verifyPasswordAttempt(
      deps,
      {
        tenantId: tenant.id,
        throttleKey: user.usernameKey,
        credential: oversized ? undefined : credential,
        userId: user.id,
        password: current,
        lockout: tenant.policy.lockout,
        actor,
        auditType: 'password.change',
        clearOnMatch: 'commit',
      },
      context,
    );
    if (!matched) throw invalidCurrentPassword();
    // The attempt counted before the verification is cleared by the commit, in its transaction; a
    // change refused from here on clears it here.
    try {
      return await commitChange(deps, { tenant, user, credential, actor, newPassword, current, replaceSession: input.replaceSession }, context);
    } catch (error) {
      await deps.throttle.reset(tenant.id, user.usernameKey);
      throw error;
    }
  }
  return commitChange(deps, { tenant, user, credential, actor, newPassword, current: null, replaceSession: input.replaceSession }, context);
}

interface ProvenChange {
  tenant: Tenant;
  user: User;
  credential: PasswordCredential | undefined;
  actor: UserActor;
  /** NFC form, accepted by the policy. */
  newPassword: string;
  /** The current password the caller proved with, or null when the proof was a recent log-in. */
  current: string | null;
  replaceSession: boolean;
}

/** Once the proof holds: same-as-current, the history, then one transaction with the audit events. */
async function commitChange(deps: ChangeOwnPasswordDeps, change: ProvenChange, context: RequestContext): Promise<IssuedSession | null> {
  const { tenant, user, credential, actor, newPassword } = change;
  const sameAsCurrent =
    change.current !== null ? change.current === newPassword : credential !== undefined && (await deps.hasher.verify(credential.hash, newPassword));
  // Checked only once the proof holds: it costs one verification per remembered password.
  const refused = sameAsCurrent ? { code: 'same_as_current' as const } : await historyViolation(deps, tenant, user.id, newPassword);
  if (refused !== null) {
    await recordAudit(deps, { tenantId: tenant.id, type: 'password.change', outcome: 'failure', actor, subjectId: user.id, reason: 'password_policy' }, context);
    throw passwordPolicyViolation([refused]);
  }

  const replacement = change.replaceSession
    ? issueSession(deps, { tenantId: tenant.id, userId: user.id, authenticatedAt: deps.clock.now(), passwordChangeOnly: false, origin: actor.sessionOrigin })
    : null;
  await commitNewPassword(deps, {
    tenantId: tenant.id,
    userId: user.id,
    expectedVersion: credential?.version ?? null,
    password: newPassword,
    temporary: false,
    keepHistory: tenant.policy.historyDepth,
    newSession: replacement,
    audit: [
      { tenantId: tenant.id, type: 'password.change', outcome: 'success', actor, subjectId: user.id },
      { tenantId: tenant.id, type: 'sessions.revoke', outcome: 'success', actor, subjectId: user.id, reason: 'password_change' },
    ],
  }, context);
  return replacement;
}
