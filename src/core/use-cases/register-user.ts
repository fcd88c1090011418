import { newUser } from '../users/new-user.js';
import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import { forbidden, requestInvalid } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { displayNameErrors, emailErrors, usernameErrors } from '../users/user-input.js';
import type { UserView } from '../users/user-view.js';
import { requireAcceptablePassword } from './steps/assess-new-password.js';
import { loadTenant } from './steps/load-tenant.js';
import { loadUserView } from './steps/load-user-view.js';
import { spendIpBudget } from './steps/spend-ip-budget.js';

export type RegisterUserDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'ipLimiter' | 'commonPasswords' | 'strength' | 'breach' | 'settings'
>;

export interface RegisterUserInput {
  tenantId: string;
  username: string;
  password: string;
  email?: string | null | undefined;
  displayName?: string | null | undefined;
}

/**
 * Self-registration, open only in tenants bound to a Kii application (Kii apps let anyone sign up).
 * The new user is a member with a permanent password that meets the tenant's policy; the username and
 * e-mail must be free in the tenant (Conflict otherwise, decided by the store even under races).
 * Registration is spent against the per-IP budget like a log-in.
 */
export async function registerUser(deps: RegisterUserDeps, input: RegisterUserInput, context: RequestContext): Promise<UserView> {
  await spendIpBudget(deps, context);
  const tenant = await loadTenant(deps, input.tenantId);
  if (!tenant.kii) throw forbidden('role');
  const errors = [
    ...usernameErrors(input.username),
    ...emailErrors(input.email, '/email'),
    ...displayNameErrors(input.displayName),
  ];
  if (errors.length > 0) throw requestInvalid(errors);

  const now = deps.clock.now();
  const user = newUser({ id: deps.tokens.newId(), tenantId: tenant.id, username: input.username, email: input.email, displayName: input.displayName, now });
  const password = await requireAcceptablePassword(deps, tenant, user, input.password);
  const credential: PasswordCredential = {
    userId: user.id,
    tenantId: tenant.id,
    hash: await deps.hasher.hash(password),
    temporary: false,
    changedAt: now,
    disabledAt: null,
    expiredAt: null,
    version: 1,
  };
  await deps.users.create(user, credential);
  await recordAudit(deps, { tenantId: tenant.id, type: 'user.create', outcome: 'success', actor: null, subjectId: user.id, reason: 'self_registration' }, context);
  return loadUserView(deps, user);
}
