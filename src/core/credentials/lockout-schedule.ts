import type { LockoutPolicy } from './password-policy.js';

/**
 * Seconds an account must wait after its `failures`-th consecutive failure: nothing for the free
 * failures, then the first delay doubling each time up to the maximum (NIST SP 800-63B-4 §3.2.2).
 */
export function lockoutDelaySeconds(failures: number, policy: LockoutPolicy): number {
  const beyondFree = failures - policy.freeFailures;
  if (beyondFree <= 0) return 0;
  // Cap the exponent so large counts never overflow to Infinity.
  const doubled = policy.firstDelaySeconds * 2 ** Math.min(beyondFree - 1, 30);
  return Math.min(doubled, policy.maxDelaySeconds);
}

export function shouldDisablePassword(failures: number, policy: LockoutPolicy): boolean {
  return failures >= policy.disableAfterFailures;
}
