import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import { isPasswordExpired } from '../credentials/password-age.js';
import { DEFAULT_PASSWORD_POLICY, normalisePassword, utf8ByteLength, MAX_PASSWORD_INPUT_BYTES } from '../credentials/password-policy.js';
import { invalidCredentials, sessionLimitReached } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { issueSession, type IssuedSession } from '../sessions/issue-session.js';
import { usernameKey } from '../users/user.js';
import type { UserView } from '../users/user-view.js';
import { loadUserView } from './steps/load-user-view.js';
import { spendIpBudget } from './steps/spend-ip-budget.js';
import { verifyPasswordAttempt } from './steps/verify-password-attempt.js';

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
  await spendIpBudget(deps, context);
  const tenant = await deps.tenants.get(input.tenantId);
  const password = utf8ByteLength(input.password) > MAX_PASSWORD_INPUT_BYTES ? null : normalisePassword(input.password);
  const key = usernameKey(input.username);
  const user = tenant ? await deps.users.getByUsernameKey(tenant.id, key) : undefined;
  const credential = user ? await deps.credentials.get(user.tenantId, user.id) : undefined;
  const eligible = user !== undefined && user.status === 'active';

  if (!tenant || password === null) {
    // Nothing to count against: still spend the work so timing matches a real attempt.
    await deps.hasher.verifyDummy(password ?? '');
    throw invalidCredentials();
  }

  const matched = await verifyPasswordAttempt(
    deps,
    {
      tenantId: tenant.id,
      throttleKey: key,
      credential: eligible ? credential : undefined,
      userId: user?.id ?? null,
      password,
      lockout: tenant.policy.lockout ?? DEFAULT_PASSWORD_POLICY.lockout,
      actor: null,
      auditType: 'login',
    },
    context,
  );
  if (!matched || !user || !credential) throw invalidCredentials();

  if (!deps.hasher.isCurrent(credential.hash)) {
    // Stored with older parameters: upgrade now that the password is known. Losing a race is harmless.
    await deps.credentials.rehash(tenant.id, user.id, credential.version, await deps.hasher.hash(password));
  }

  const now = deps.clock.now();
  const origin = context.dialect;
  const live = await deps.sessions.countLive(tenant.id, user.id, origin, now);
  if (live >= deps.settings.maxLiveSessionsPerUser) {
    await recordAudit(deps, { tenantId: tenant.id, type: 'login', outcome: 'failure', actor: null, subjectId: user.id, reason: 'too_many_sessions' }, context);
    throw sessionLimitReached(deps.settings.maxLiveSessionsPerUser);
  }
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
  await deps.sessions.create(issued.session);
  await recordAudit(
    deps,
    { tenantId: tenant.id, type: 'login', outcome: 'success', actor: null, subjectId: user.id, reason: credential.temporary ? 'temporary_password' : expired ? 'password_expired' : null },
    context,
  );
  return { ...issued, user: await loadUserView(deps, user), passwordChangeRequired: changeOnly };
}
