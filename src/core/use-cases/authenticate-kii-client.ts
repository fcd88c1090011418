import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import { MAX_PASSWORD_INPUT_BYTES, normalisePassword, utf8ByteLength } from '../credentials/password-policy.js';
import { invalidCredentials, sessionLimitReached } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { issueSession, type IssuedSession } from '../sessions/issue-session.js';
import { findKiiApplication } from './find-kii-application.js';
import { spendIpBudget } from './steps/spend-ip-budget.js';
import { verifyPasswordAttempt } from './steps/verify-password-attempt.js';

export type AuthenticateKiiClientDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'sessions' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'ipLimiter' | 'settings'
>;

export interface AuthenticateKiiClientInput {
  /** The Kii application (already proved by its app key, or not: the secret is what counts). */
  appId: string;
  clientId: string;
  clientSecret: string;
  sessionTtlSeconds?: number | undefined;
}

export interface KiiClientSession extends IssuedSession {
  /** The application's hidden admin user, which the token acts as. */
  userId: string;
}

/** The failure counter of a client id lives beside usernames, under a key no username can take. */
export const clientThrottleKey = (clientId: string) => `$client:${clientId}`;

/**
 * An application's admin client logs in with its client id and secret. The secret is verified like a
 * password: through the hashing gate, counted by the same per-key throttle (waits after repeated
 * failures), against a dummy hash when the client id is wrong. A client secret is never disabled after
 * many failures (only waits apply): there is no administrator above it to re-enable it.
 */
export async function authenticateKiiClient(
  deps: AuthenticateKiiClientDeps,
  input: AuthenticateKiiClientInput,
  context: RequestContext,
): Promise<KiiClientSession> {
  await spendIpBudget(deps, context);
  const tenant = await findKiiApplication(deps, input.appId, null);
  const { kii } = tenant;
  const oversized = utf8ByteLength(input.clientSecret) > MAX_PASSWORD_INPUT_BYTES;
  const secret = oversized ? '' : normalisePassword(input.clientSecret);
  const serviceUser = await deps.users.getById(tenant.id, kii.serviceUserId);
  const eligible = !oversized && input.clientId === kii.clientId && serviceUser !== undefined && serviceUser.status === 'active';
  const now = deps.clock.now();
  const credential: PasswordCredential | undefined = eligible
    ? { userId: kii.serviceUserId, tenantId: tenant.id, hash: kii.clientSecretHash, temporary: false, changedAt: tenant.createdAt, disabledAt: null, expiredAt: null, version: 1 }
    : undefined;

  const matched = await verifyPasswordAttempt(
    deps,
    {
      tenantId: tenant.id,
      throttleKey: clientThrottleKey(input.clientId),
      credential,
      userId: eligible ? kii.serviceUserId : null,
      password: secret,
      lockout: { ...tenant.policy.lockout, disableAfterFailures: Number.MAX_SAFE_INTEGER },
      actor: null,
      auditType: 'login',
    },
    context,
  );
  if (!matched || !serviceUser) throw invalidCredentials();

  const issued = issueSession(deps, {
    tenantId: tenant.id,
    userId: serviceUser.id,
    authenticatedAt: now,
    passwordChangeOnly: false,
    origin: context.dialect,
    ttlSeconds: input.sessionTtlSeconds,
  });
  // Counted and inserted in one transaction: racing log-ins cannot pass the limit.
  if (!(await deps.sessions.createWithinLimit(issued.session, deps.settings.maxLiveSessionsPerUser, now))) {
    await recordAudit(deps, { tenantId: tenant.id, type: 'login', outcome: 'failure', actor: null, subjectId: serviceUser.id, reason: 'too_many_sessions' }, context);
    throw sessionLimitReached(deps.settings.maxLiveSessionsPerUser);
  }
  await recordAudit(deps, { tenantId: tenant.id, type: 'login', outcome: 'success', actor: null, subjectId: serviceUser.id, reason: 'client_credentials' }, context);
  return { ...issued, userId: serviceUser.id };
}
