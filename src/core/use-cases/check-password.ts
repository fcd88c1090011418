import type { RequestContext } from '../audit/audit-event.js';
import type { Violation } from '../credentials/violation.js';
import type { Ports } from '../ports/index.js';
import { assessNewPassword } from './steps/assess-new-password.js';
import { loadTenant } from './steps/load-tenant.js';
import { spendIpBudget } from './steps/spend-ip-budget.js';

export interface CheckPasswordInput {
  tenantId: string;
  password: string;
  username?: string | undefined;
  email?: string | undefined;
}

/** Judges a candidate against a tenant's policy without storing anything. Rate limited per IP. */
export async function checkPassword(
  deps: Pick<Ports, 'tenants' | 'ipLimiter' | 'commonPasswords' | 'settings'>,
  input: CheckPasswordInput,
  context: RequestContext,
): Promise<{ acceptable: boolean; violations: Violation[] }> {
  await spendIpBudget(deps, context);
  const tenant = await loadTenant(deps, input.tenantId);
  const violations = assessNewPassword(deps, tenant, { username: input.username ?? null, email: input.email ?? null }, input.password);
  return { acceptable: violations.length === 0, violations };
}
