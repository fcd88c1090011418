import { overloaded } from '../errors.js';
import type { PasswordHasher } from '../ports/password-hasher.js';

export interface HashingGateOptions {
  /** Hashes running at once; more than the cores only adds latency and memory (in flight × m). */
  maxInFlight: number;
  /** Hashes waiting for a slot; beyond this, callers are refused at once with Overloaded. */
  maxQueued: number;
  /** Suggested wait when refusing, in seconds. */
  retryAfterSeconds: number;
}

export interface HashingGateStats {
  inFlight: number;
  queued: number;
  refused: number;
}

/**
 * Wraps a hasher so at most `maxInFlight` hashes run and at most `maxQueued` wait; past that the call
 * fails fast with DomainError `Overloaded` (OWASP API4:2023). Memory therefore stays within
 * in-flight × hash memory, whatever the burst.
 */
export function createHashingGate(
  hasher: PasswordHasher,
  options: HashingGateOptions,
): PasswordHasher & { stats(): HashingGateStats } {
  let inFlight = 0;
  let refused = 0;
  const waiting: Array<() => void> = [];

  const acquire = async (): Promise<void> => {
    if (inFlight < options.maxInFlight) {
      inFlight += 1;
      return;
    }
    if (waiting.length >= options.maxQueued) {
      refused += 1;
      throw overloaded(options.retryAfterSeconds);
    }
    // The releasing call hands its slot straight to us, so inFlight is not decremented in between.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };

  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  };

  const gated = async <T>(work: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };

  return {
    hash: (password) => gated(() => hasher.hash(password)),
    verify: (storedHash, password) => gated(() => hasher.verify(storedHash, password)),
    verifyDummy: (password) => gated(() => hasher.verifyDummy(password)),
    isCurrent: (storedHash) => hasher.isCurrent(storedHash),
    understands: (storedHash) => hasher.understands(storedHash),
    stats: () => ({ inFlight, queued: waiting.length, refused }),
  };
}
