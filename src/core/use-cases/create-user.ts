import { newUser } from '../users/new-user.js';
import type { RequestContext } from '../audit/audit-event.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../authorization/actor.js';
import { requireAdmin } from '../authorization/authorize.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import { requestInvalid } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { displayNameErrors, emailErrors, usernameErrors } from '../users/user-input.js';
import type { Role } from '../users/user.js';
import type { UserView } from '../users/user-view.js';
import { requireAcceptablePassword } from './steps/assess-new-password.js';
import { loadTenant } from './steps/load-tenant.js';
import { loadUserView } from './steps/load-user-view.js';

export type CreateUserDeps = Pick<
  Ports,
  'tenants' | 'users' | 'credentials' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'commonPasswords' | 'strength' | 'breach' | 'settings'
>;

export interface CreateUserInput {
  tenantId: string;
  username: string;
  email?: string | null | undefined;
  displayName?: string | null | undefined;
  roles?: Role[] | undefined;
  /** Without one the user has no password until one is set. */
  password?: string | undefined;
  /** A password given by an administrator is temporary unless said otherwise (default: the tenant's policy). */
  temporary?: boolean | undefined;
}

/** Creates a user, and its first password when given, atomically. The username is unique per tenant. */
export async function createUser(
  deps: CreateUserDeps,
  actor: Actor,
  input: CreateUserInput,
  context: RequestContext,
): Promise<UserView> {
  requireAdmin(actor, input.tenantId);
  const tenant = await loadTenant(deps, input.tenantId);
  const errors = [...usernameErrors(input.username), ...emailErrors(input.email), ...displayNameErrors(input.displayName)];
  if (errors.length > 0) throw requestInvalid(errors);

  const now = deps.clock.now();
  const user = newUser({ id: deps.tokens.newId(), tenantId: tenant.id, username: input.username, email: input.email, displayName: input.displayName, roles: input.roles, now });

  let credential: PasswordCredential | null = null;
  if (input.password !== undefined) {
    const password = await requireAcceptablePassword(deps, tenant, user, input.password);
    credential = {
      userId: user.id,
      tenantId: tenant.id,
      hash: await deps.hasher.hash(password),
      temporary: input.temporary ?? tenant.policy.adminSetTemporaryByDefault,
      changedAt: now,
      disabledAt: null,
      expiredAt: null,
      version: 1,
    };
  }
  await deps.users.create(user, credential);
  await recordAudit(deps, { tenantId: tenant.id, type: 'user.create', outcome: 'success', actor, subjectId: user.id, reason: credential?.temporary ? 'temporary_password' : null }, context);
  return loadUserView(deps, user);
}
