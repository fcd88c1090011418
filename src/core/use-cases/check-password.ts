import type { RequestContext } from '../audit/audit-event.js';
import { normalisePassword } from '../credentials/password-policy.js';
import type { Violation } from '../credentials/violation.js';
import type { Ports } from '../ports/index.js';
import type { StrengthEstimate } from '../ports/strength-estimator.js';
import { assessNewPassword, ownerWords } from './steps/assess-new-password.js';
import { loadTenant } from './steps/load-tenant.js';
import { spendIpBudget } from './steps/spend-ip-budget.js';

export interface CheckPasswordInput {
  tenantId: string;
  password: string;
  username?: string | undefined;
  email?: string | undefined;
}

export interface CheckPasswordResult {
  /** The policy's answer alone; the strength estimate is advice and never changes it. */
  acceptable: boolean;
  violations: Violation[];
  strength: StrengthEstimate;
}

/** Judges a candidate against a tenant's policy and estimates its strength, storing nothing. Rate limited per IP. */
export async function checkPassword(
  deps: Pick<Ports, 'tenants' | 'ipLimiter' | 'commonPasswords' | 'strength' | 'breach' | 'settings'>,
  input: CheckPasswordInput,
  context: RequestContext,
): Promise<CheckPasswordResult> {
  await spendIpBudget(deps, context);
  const tenant = await loadTenant(deps, input.tenantId);
  const owner = { username: input.username ?? null, email: input.email ?? null };
  const strength = await deps.strength.estimate(normalisePassword(input.password), ownerWords(owner));
  const violations = await assessNewPassword(deps, tenant, owner, input.password, { strength });
  return { acceptable: violations.length === 0, violations, strength };
}
