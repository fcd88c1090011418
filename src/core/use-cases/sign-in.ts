import { authenticatePassword } from './steps/authenticate-password.js';
import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import { isPasswordExpired } from '../credentials/password-age.js';
import { sessionLimitReached } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { issueSession, type IssuedSession } from '../sessions/issue-session.js';
import { toUserView, type UserView } from '../users/user-view.js';

export type SignInDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'sessions' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'ipLimiter' | 'settings'
>;

export interface SignInInput {
  tenantId: string;
  username: string;
  password: string;
  /** A shorter lifetime than the deployment's, for wire formats that document their own (vRNI: 5 h). */
  sessionTtlSeconds?: number | undefined;
}

export interface SignInResult extends IssuedSession {
  user: UserView;
  passwordChangeRequired: boolean;
}

/**
 * Password log-in. Unknown tenant, unknown user, wrong password, disabled user and disabled password
 * all end in the same InvalidCredentials after the same hashing work; waits after repeated failures
 * apply to unknown usernames exactly as to real ones, so neither reveals whether an account exists.
 */
export async function signIn(deps: SignInDeps, input: SignInInput, context: RequestContext): Promise<SignInResult> {
  const { tenant, user, credential } = await authenticatePassword(deps, input, context);

  const now = deps.clock.now();
  const origin = context.dialect;
  // A temporary password, or one an administrator expired or older than the tenant's maximum age, may only be changed.
  const expired = !credential.temporary && isPasswordExpired(credential, tenant.policy, now);
  const changeOnly = credential.temporary || expired;
  const issued = issueSession(deps, {
    tenantId: tenant.id,
    userId: user.id,
    authenticatedAt: now,
    passwordChangeOnly: changeOnly,
    origin,
    ttlSeconds: input.sessionTtlSeconds,
  });
  // Counted and inserted in one transaction: racing log-ins cannot pass the limit.
  if (!(await deps.sessions.createWithinLimit(issued.session, deps.settings.maxLiveSessionsPerUser, now))) {
    await recordAudit(deps, { tenantId: tenant.id, type: 'login', outcome: 'failure', actor: null, subjectId: user.id, reason: 'too_many_sessions' }, context);
    throw sessionLimitReached(deps.settings.maxLiveSessionsPerUser);
  }
  await recordAudit(
    deps,
    { tenantId: tenant.id, type: 'login', outcome: 'success', actor: null, subjectId: user.id, reason: credential.temporary ? 'temporary_password' : expired ? 'password_expired' : null },
    context,
  );
  // The credential was just verified and the failure counter just cleared: nothing to read again.
  return { ...issued, user: toUserView(user, credential, undefined, now), passwordChangeRequired: changeOnly };
}
