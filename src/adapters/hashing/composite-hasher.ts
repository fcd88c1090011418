import type { PasswordHasher } from '../../core/ports/password-hasher.js';
import type { LegacyVerifier } from './legacy/legacy-verifier.js';

/** The hasher new hashes come from; its `understands` says which stored strings are its own. */
export type CurrentHasher = PasswordHasher;

/**
 * One current hasher and a table of verifiers for imported formats (like Kratos' hash_comparator).
 * New hashes always come from `current`. A stored hash is verified by whichever understands it;
 * `isCurrent` is false for every imported format, so a successful log-in rehashes it (sign-in does).
 * A string nobody understands verifies as false after the same work as an unknown user's attempt.
 */
export function createCompositeHasher(current: CurrentHasher, legacy: readonly LegacyVerifier[]): CurrentHasher {
  const find = (storedHash: string): LegacyVerifier | undefined => {
    try {
      return legacy.find((verifier) => verifier.understands(storedHash));
    } catch {
      return undefined;
    }
  };
  return {
    hash: (password) => current.hash(password),
    async verify(storedHash, password) {
      if (typeof storedHash !== 'string') return false;
      try {
        if (current.understands(storedHash)) return await current.verify(storedHash, password);
        const verifier = find(storedHash);
        if (verifier) return await verifier.verify(storedHash, password);
        await current.verifyDummy(password);
        return false;
      } catch {
        return false;
      }
    },
    isCurrent: (storedHash) => current.understands(storedHash) && current.isCurrent(storedHash),
    verifyDummy: (password) => current.verifyDummy(password),
    understands: (storedHash) => current.understands(storedHash) || find(storedHash) !== undefined,
  };
}
