import { OPERATOR, type Actor } from '../authorization/actor.js';
import { OPERATOR_CONTEXT } from '../audit/audit-event.js';
import { DEFAULT_PASSWORD_POLICY } from '../credentials/password-policy.js';
import type { Ports } from '../ports/index.js';
import { DEFAULT_TENANT_ID } from '../tenants/tenant.js';
import { isDomainError } from '../errors.js';
import { createUser } from './create-user.js';

export interface BootstrapInput {
  adminUsername: string;
  /** Given by the operator: not temporary. Absent: a random one is generated and marked temporary. */
  adminPassword?: string | undefined;
}

export interface BootstrapResult {
  createdTenant: boolean;
  createdAdmin: boolean;
  /** Only when generated: to be shown once to the operator and nowhere else. */
  generatedPassword: string | null;
}

/** Makes sure the default tenant exists and has an administrator. Idempotent. */
export async function bootstrap(
  deps: Pick<Ports, 'tenants' | 'users' | 'credentials' | 'throttle' | 'audit' | 'hasher' | 'tokens' | 'clock' | 'commonPasswords' | 'strength' | 'breach' | 'settings'>,
  input: BootstrapInput,
): Promise<BootstrapResult> {
  const actor: Actor = OPERATOR;
  let createdTenant = false;
  if (!(await deps.tenants.get(DEFAULT_TENANT_ID))) {
    const now = deps.clock.now();
    try {
      await deps.tenants.create({ id: DEFAULT_TENANT_ID, name: 'Default', policy: DEFAULT_PASSWORD_POLICY, createdAt: now, updatedAt: now });
      createdTenant = true;
    } catch (error) {
      // Another instance starting at the same moment created it first.
      if (!(await deps.tenants.get(DEFAULT_TENANT_ID))) throw error;
    }
  }
  if (await deps.users.anyWithRole(DEFAULT_TENANT_ID, 'admin')) {
    return { createdTenant, createdAdmin: false, generatedPassword: null };
  }
  const generatedPassword = input.adminPassword === undefined ? deps.tokens.newPassword() : null;
  // A generated password is random (SecretTokens.newPassword): no breach corpus holds it, and asking an
  // unreachable breach source about it would stop a fail-closed deployment from ever starting.
  const policyDeps = generatedPassword === null ? deps : { ...deps, breach: null };
  try {
    await createUser(
      policyDeps,
      actor,
      {
        tenantId: DEFAULT_TENANT_ID,
        username: input.adminUsername,
        roles: ['admin'],
        password: input.adminPassword ?? generatedPassword ?? undefined,
        temporary: input.adminPassword === undefined,
      },
      OPERATOR_CONTEXT,
    );
  } catch (error) {
    // Racing instances: the one that lost finds the administrator the other created.
    if (isDomainError(error) && error.detail.kind === 'Conflict' && (await deps.users.anyWithRole(DEFAULT_TENANT_ID, 'admin'))) {
      return { createdTenant, createdAdmin: false, generatedPassword: null };
    }
    throw error;
  }
  return { createdTenant, createdAdmin: true, generatedPassword };
}
