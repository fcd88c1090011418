import { verify as bcryptVerify } from '@node-rs/bcrypt';
import { safely, verifierFromPrepare } from './kdf.js';
import { LEGACY_BOUNDS, type LegacyVerifier } from './legacy-verifier.js';

/** `$2a$`, `$2b$` or `$2y$`, a two-digit cost, 22 characters of salt and 31 of hash (bcrypt base64). */
const BCRYPT = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/** The cost of a well-formed bcrypt string, or null. */
export function bcryptCost(stored: string): number | null {
  const match = BCRYPT.exec(stored);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * Verifies a bcrypt string with @node-rs/bcrypt (off the event loop, constant-time compare inside).
 * Costs from 4 to LEGACY_BOUNDS.bcryptMaxCost only: `$2b$31$` would take days per attempt.
 * bcrypt reads at most 72 bytes of the password; rehashing to Argon2id on log-in ends that.
 */
export function verifyBcrypt(stored: string, password: string | Uint8Array): Promise<boolean> {
  if (!bcryptWithinBounds(stored)) return Promise.resolve(false);
  return safely(() => bcryptVerify(password, stored));
}

/** A well-formed bcrypt string with a cost from 4 to LEGACY_BOUNDS.bcryptMaxCost. */
export function bcryptWithinBounds(stored: string): boolean {
  const cost = bcryptCost(stored);
  return cost !== null && cost >= 4 && cost <= LEGACY_BOUNDS.bcryptMaxCost;
}

/** bcrypt as PHP, Ruby, Node and Spring Security store it: `$2b$12$<salt><hash>`. */
export function createBcryptVerifier(): LegacyVerifier {
  return verifierFromPrepare('bcrypt', (stored) => (bcryptWithinBounds(stored) ? (password) => verifyBcrypt(stored, password) : null));
}
