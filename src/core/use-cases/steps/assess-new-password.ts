import { evaluatePassword, MAX_PASSWORD_INPUT_BYTES, normalisePassword, utf8ByteLength } from '../../credentials/password-policy.js';
import type { Violation } from '../../credentials/violation.js';
import { passwordPolicyViolation } from '../../errors.js';
import type { Ports } from '../../ports/index.js';
import type { StrengthEstimate } from '../../ports/strength-estimator.js';
import type { Tenant } from '../../tenants/tenant.js';

export interface PasswordOwner {
  username?: string | null;
  email?: string | null;
  displayName?: string | null;
}

export type AssessNewPasswordDeps = Pick<Ports, 'commonPasswords' | 'settings' | 'breach' | 'strength'>;

export interface AssessOptions {
  /** An estimate the caller already made for this candidate, so it is not estimated twice. */
  strength?: StrengthEstimate | undefined;
}

/**
 * Every policy rule the candidate breaks for this tenant and owner (rules that need no stored
 * state), in a stable order: the pure rules of evaluatePassword with the breach answer after
 * `common`, then `too_weak`. Input refused before normalisation goes no further.
 */
export async function assessNewPassword(
  deps: AssessNewPasswordDeps,
  tenant: Tenant,
  owner: PasswordOwner,
  password: string,
  options: AssessOptions = {},
): Promise<Violation[]> {
  const violations = evaluatePassword({
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
  if (utf8ByteLength(password) > MAX_PASSWORD_INPUT_BYTES) return violations;

  const candidate = normalisePassword(password);
  const { minStrengthScore } = tenant.policy;
  const [breach, weak] = await Promise.all([
    breachViolation(deps, tenant, candidate),
    minStrengthScore > 0 ? strengthViolation(deps, owner, candidate, minStrengthScore, options.strength) : null,
  ]);
  if (breach !== null) {
    const context = violations.findIndex((violation) => violation.code === 'context');
    violations.splice(context < 0 ? violations.length : context, 0, breach);
  }
  if (weak !== null) violations.push(weak);
  return violations;
}

/** Throws PasswordPolicyViolation with every failing rule, or returns the NFC form to hash. */
export async function requireAcceptablePassword(
  deps: AssessNewPasswordDeps,
  tenant: Tenant,
  owner: PasswordOwner,
  password: string,
): Promise<string> {
  const violations = await assessNewPassword(deps, tenant, owner, password);
  if (violations.length > 0) throw passwordPolicyViolation(violations);
  return normalisePassword(password);
}

async function breachViolation(deps: AssessNewPasswordDeps, tenant: Tenant, candidate: string): Promise<Violation | null> {
  if (!tenant.policy.breachCheck || deps.breach === null) return null;
  try {
    return (await deps.breach.isBreached(candidate)) ? { code: 'breached' } : null;
  } catch {
    // The adapter has logged the failure; whether it refuses the password is deployment policy.
    return deps.settings.breachFailOpen ? null : { code: 'breach_check_unavailable' };
  }
}

async function strengthViolation(
  deps: AssessNewPasswordDeps,
  owner: PasswordOwner,
  candidate: string,
  minScore: number,
  known: StrengthEstimate | undefined,
): Promise<Violation | null> {
  const { score } = known ?? (await deps.strength.estimate(candidate, ownerWords(owner)));
  return score < minScore ? { code: 'too_weak', minScore, score } : null;
}

/** Words the owner is known by: a password built from them is easy to guess for anyone who knows the owner. */
export function ownerWords(owner: PasswordOwner): string[] {
  const words: string[] = [];
  if (owner.username) words.push(owner.username);
  if (owner.email) {
    words.push(owner.email);
    const local = owner.email.split('@')[0];
    if (local && local !== owner.email) words.push(local);
  }
  if (owner.displayName) words.push(owner.displayName);
  return words;
}
