/**
 * Answers whether a password appears in a corpus of breached passwords (Pwned Passwords or a local
 * copy of it). The policy consults it; it never decides acceptability on its own.
 *
 * Guarantees:
 * - The password never leaves the process: implementations send at most a short prefix of its SHA-1
 *   (k-anonymity) and never log, store or echo the password or its full hash.
 * - A source that cannot answer (network failure, time-out, bad response, unreadable corpus) makes
 *   `isBreached` reject with an ordinary Error (not a DomainError), after the adapter has logged it.
 *   Whether that refuses the password (fail-closed) or lets it through (fail-open) is the caller's
 *   choice (`ServiceSettings.breachFailOpen`).
 * - Bounded: each call ends within the adapter's time-out.
 */
export interface BreachedPasswordChecker {
  /** `password` is the NFC candidate exactly as it would be hashed (case-sensitive, untrimmed). */
  isBreached(password: string): Promise<boolean>;
}
