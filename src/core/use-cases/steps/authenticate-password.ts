import type { RequestContext } from '../../audit/audit-event.js';
import type { PasswordCredential } from '../../credentials/password-credential.js';
import { DEFAULT_PASSWORD_POLICY, MAX_PASSWORD_INPUT_BYTES, normalisePassword, utf8ByteLength } from '../../credentials/password-policy.js';
import { invalidCredentials } from '../../errors.js';
import type { Ports } from '../../ports/index.js';
import type { Tenant } from '../../tenants/tenant.js';
import type { User } from '../../users/user.js';
import { isServiceUser, usernameKey } from '../../users/user.js';
import { spendIpBudget } from './spend-ip-budget.js';
import { verifyPasswordAttempt } from './verify-password-attempt.js';

export type AuthenticatePasswordDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'sessions' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'ipLimiter'
>;

/**
 * The part of every password log-in that decides who the caller is: the per-IP budget, the shared
 * failure counter, the same hashing work whether or not the user exists, one InvalidCredentials for
 * every failure (unknown tenant or user, wrong password, disabled user or password), and a rehash when
 * the stored parameters are outdated. Callers add what follows (a session, or none).
 */
export async function authenticatePassword(
  deps: AuthenticatePasswordDeps,
  input: { tenantId: string; username: string; password: string },
  context: RequestContext,
): Promise<{ tenant: Tenant; user: User; credential: PasswordCredential }> {
  await spendIpBudget(deps, context);
  const tenant = await deps.tenants.get(input.tenantId);
  const password = utf8ByteLength(input.password) > MAX_PASSWORD_INPUT_BYTES ? null : normalisePassword(input.password);
  const key = usernameKey(input.username);
  const user = tenant ? await deps.users.getByUsernameKey(tenant.id, key) : undefined;
  const credential = user ? await deps.credentials.get(user.tenantId, user.id) : undefined;
  // Service principals (the user a Kii app's admin tokens act as) never log in with a password.
  const eligible = user !== undefined && user.status === 'active' && !isServiceUser(user);

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
    // Stored with older parameters or an imported format: upgrade now that the password is known.
    // Losing a race to a concurrent change is harmless.
    await deps.credentials.rehash(tenant.id, user.id, credential.version, await deps.hasher.hash(password));
  }
  return { tenant, user, credential };
}
