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

/**
 * The policy's waits in milliseconds, as data a store can apply inside one statement: entry i is the
 * wait after the (i + 1)-th consecutive failure, and the last entry holds for every failure after it.
 * It ends where lockoutDelaySeconds stops changing (the maximum, or the doubling cap), so it has at
 * most freeFailures + 32 entries.
 */
export function lockoutWaitsMs(policy: LockoutPolicy): number[] {
  const waits: number[] = [];
  for (let failures = 1; ; failures += 1) {
    const wait = Math.ceil(lockoutDelaySeconds(failures, policy) * 1000);
    if (failures > policy.freeFailures && wait === waits.at(-1)) return waits;
    waits.push(wait);
  }
}

/** The wait after `failures` consecutive failures under a schedule from lockoutWaitsMs (0 for none). */
export function waitAfterFailures(waitsMs: readonly number[], failures: number): number {
  if (failures < 1 || waitsMs.length === 0) return 0;
  return waitsMs[Math.min(failures, waitsMs.length) - 1] ?? 0;
}
