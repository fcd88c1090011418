import { evaluatePassword, normalisePassword } from '../../credentials/password-policy.js';
import type { Violation } from '../../credentials/violation.js';
import { passwordPolicyViolation } from '../../errors.js';
import type { Ports } from '../../ports/index.js';
import type { Tenant } from '../../tenants/tenant.js';

export interface PasswordOwner {
  username?: string | null;
  email?: string | null;
  displayName?: string | null;
}

/** Every policy rule the candidate breaks for this tenant and owner (stateless rules only). */
export function assessNewPassword(
  deps: Pick<Ports, 'commonPasswords' | 'settings'>,
  tenant: Tenant,
  owner: PasswordOwner,
  password: string,
): Violation[] {
  return evaluatePassword({
    password,
    policy: tenant.policy,
    context: {
      username: owner.username ?? null,
      email: owner.email ?? null,
      displayName: owner.displayName ?? null,
      tenantId: tenant.id,
      tenantName: tenant.name,
      productName: deps.settings.productName,
    },
    isCommon: (candidate) => deps.commonPasswords.contains(candidate),
  });
}

/** Throws PasswordPolicyViolation with every failing rule, or returns the NFC form to hash. */
export function requireAcceptablePassword(
  deps: Pick<Ports, 'commonPasswords' | 'settings'>,
  tenant: Tenant,
  owner: PasswordOwner,
  password: string,
): string {
  const violations = assessNewPassword(deps, tenant, owner, password);
  if (violations.length > 0) throw passwordPolicyViolation(violations);
  return normalisePassword(password);
}
