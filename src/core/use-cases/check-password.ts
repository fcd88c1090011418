import type { RequestContext } from '../audit/audit-event.js';
import { normalisePassword } from '../credentials/password-policy.js';
import type { Violation } from '../credentials/violation.js';
import type { Ports } from '../ports/index.js';
import type { StrengthEstimate } from '../ports/strength-estimator.js';
import { assessNewPassword } from './steps/assess-new-password.js';
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
  deps: Pick<Ports, 'tenants' | 'ipLimiter' | 'commonPasswords' | 'strength' | 'settings'>,
  input: CheckPasswordInput,
  context: RequestContext,
): Promise<CheckPasswordResult> {
  await spendIpBudget(deps, context);
  const tenant = await loadTenant(deps, input.tenantId);
  const violations = assessNewPassword(deps, tenant, { username: input.username ?? null, email: input.email ?? null }, input.password);
  const strength = await deps.strength.estimate(normalisePassword(input.password), userInputs(input));
  return { acceptable: violations.length === 0, violations, strength };
}

/** Words the owner is known by: a password built from them is easy to guess for anyone who knows the owner. */
function userInputs(input: CheckPasswordInput): string[] {
  const words: string[] = [];
  if (input.username) words.push(input.username);
  if (input.email) {
    words.push(input.email);
    const local = input.email.split('@')[0];
    if (local && local !== input.email) words.push(local);
  }
  return words;
}
