import { authenticatePassword } from './steps/authenticate-password.js';
import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { UserActor } from '../authorization/actor.js';
import { isPasswordExpired } from '../credentials/password-age.js';
import type { Ports } from '../ports/index.js';

export type VerifyCredentialsDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'sessions' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'ipLimiter'
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
  const { tenant, user, credential } = await authenticatePassword(deps, input, context);
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
