import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { UserActor } from '../authorization/actor.js';
import { isPasswordExpired } from '../credentials/password-age.js';
import { DEFAULT_PASSWORD_POLICY, MAX_PASSWORD_INPUT_BYTES, normalisePassword, utf8ByteLength } from '../credentials/password-policy.js';
import { invalidCredentials } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { usernameKey } from '../users/user.js';
import { spendIpBudget } from './steps/spend-ip-budget.js';
import { verifyPasswordAttempt } from './steps/verify-password-attempt.js';

export type VerifyCredentialsDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'ipLimiter'
>;

export interface VerifyCredentialsInput {
  tenantId: string;
  username: string;
  password: string;
}

/**
 * Authenticates one request by username and password without creating a session, for wire formats
 * that send credentials with every call (HTTP Basic). The guarantees are log-in's: the same per-IP
 * budget, the same per-account counter and waits, a dummy hash for unknown users, one
 * InvalidCredentials for every failure, the same audit (a `login` event, reason `no_session` on
 * success), and a rehash when the stored parameters are outdated.
 *
 * The returned actor is backed by no session: `sessionId` is the empty string, which matches no
 * stored session, and `authenticatedAt` is now.
 */
export async function verifyCredentials(deps: VerifyCredentialsDeps, input: VerifyCredentialsInput, context: RequestContext): Promise<UserActor> {
  await spendIpBudget(deps, context);
  const tenant = await deps.tenants.get(input.tenantId);
  const password = utf8ByteLength(input.password) > MAX_PASSWORD_INPUT_BYTES ? null : normalisePassword(input.password);
  const key = usernameKey(input.username);
  const user = tenant ? await deps.users.getByUsernameKey(tenant.id, key) : undefined;
  const credential = user ? await deps.credentials.get(user.tenantId, user.id) : undefined;
  const eligible = user !== undefined && user.status === 'active';

  if (!tenant || password === null) {
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
    await deps.credentials.rehash(tenant.id, user.id, credential.version, await deps.hasher.hash(password));
  }

  await recordAudit(deps, { tenantId: tenant.id, type: 'login', outcome: 'success', actor: null, subjectId: user.id, reason: 'no_session' }, context);
  return {
    kind: 'user',
    tenantId: tenant.id,
    userId: user.id,
    sessionId: '',
    roles: user.roles,
    passwordChangeOnly: credential.temporary || isPasswordExpired(credential, tenant.policy, deps.clock.now()),
    authenticatedAt: deps.clock.now(),
    sessionOrigin: context.dialect,
  };
}
