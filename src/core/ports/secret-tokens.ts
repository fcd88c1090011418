/** Randomness and one-way digests for bearer tokens and ids (like oslo's RandomReader). */
export interface SecretTokens {
  /** A fresh bearer token carrying at least 256 random bits, URL-safe. */
  newToken(): string;
  /** The form a token is stored and looked up by: hex SHA-256. Deterministic. */
  digest(token: string): string;
  /** A fresh opaque identifier for an entity (not a secret). */
  newId(): string;
  /** A random password for the first administrator: at least 128 bits, policy-compliant length. */
  newPassword(): string;
}
