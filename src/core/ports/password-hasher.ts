/**
 * Hashes and verifies passwords. Implementations run off the event loop. The password given is
 * already NFC-normalised. Wrapped by the hashing gate, which bounds work in flight and may throw
 * DomainError `Overloaded` instead of queueing without end.
 */
export interface PasswordHasher {
  /** A PHC string with the current algorithm and parameters and a fresh salt. */
  hash(password: string): Promise<string>;
  /** Whole-password comparison in constant time; false (never a throw) for a malformed stored hash. */
  verify(storedHash: string, password: string): Promise<boolean>;
  /**
   * Whether `verify` can check a password against this stored string: a known format with parameters
   * within the hasher's bounds. Cheap (parsing only). Import stores a pre-hashed password only when
   * this is true, so a hostile or unknown hash is refused up front instead of failing every log-in.
   */
  understands(storedHash: string): boolean;
  /** False when the stored hash should be replaced after the next successful verification. */
  isCurrent(storedHash: string): boolean;
  /**
   * Spends the same work as a real verification against a hash of the current parameters, for
   * callers with no stored hash (unknown users), so timing does not reveal whether a user exists.
   */
  verifyDummy(password: string): Promise<void>;
}
