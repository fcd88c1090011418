/**
 * Verifies one imported hash format, so users migrated from another product can log in with the
 * password they already have; the composite hasher then rehashes them to the current Argon2id.
 * Stored strings are untrusted input: every verifier bounds the work a string may ask for and
 * returns false, never throws, for anything malformed or over its bounds, before doing that work.
 */
export interface LegacyVerifier {
  /** A short name for logs and docs, e.g. `bcrypt`. */
  readonly name: string;
  /**
   * True when the stored string is in this verifier's format with parameters within LEGACY_BOUNDS,
   * i.e. when verify would do the derivation. Cheap: parsing only, no derivation. Import refuses a
   * hash no verifier understands.
   */
  understands(storedHash: string): boolean;
  /** Constant-time comparison of the whole derived value; false for malformed or over-bound input. */
  verify(storedHash: string, password: string): Promise<boolean>;
}

/**
 * The most work an imported hash may ask for. Each bound admits the defaults of the product the
 * format comes from (named beside it) with room to spare, and refuses what would exhaust the service.
 */
export const LEGACY_BOUNDS = Object.freeze({
  /** Longest stored string looked at; anything longer is refused unread. */
  maxStoredLength: 4096,
  /** bcrypt cost (log2 rounds): Django 12, Rails 12, Laravel 12; 14 is ~1 s. */
  bcryptMaxCost: 14,
  /** PBKDF2 iterations: Django 6.0 1,200,000; Keycloak pbkdf2-sha512 210,000; OWASP SHA-256 600,000. */
  pbkdf2MaxIterations: 1_200_000,
  /** PBKDF2 iterations × output blocks (a 64-byte SHA-256 output costs two blocks per iteration). */
  pbkdf2MaxBlockIterations: 2_400_000,
  /** Derived-key bytes for PBKDF2 and scrypt (Keycloak 64, Django scrypt 64, passlib 32). */
  minDerivedBytes: 16,
  maxDerivedBytes: 64,
  /** Decoded salt bytes. */
  maxSaltBytes: 1024,
  /** scrypt N = 2^ln: Django 2^14, passlib 2^16, Firebase 2^14. */
  scryptMaxLogN: 17,
  scryptMaxR: 32,
  scryptMaxP: 16,
  /** 128 · N · r bytes: N = 2^17 with r = 8. */
  scryptMaxMemoryBytes: 128 * 1024 * 1024,
  /** N · r · p, the CPU work: also N = 2^17 with r = 8, p = 1. */
  scryptMaxWork: 2 ** 20,
  /** Firebase signer key bytes (Firebase's are 64). */
  maxSignerKeyBytes: 256,
});
