/** A user's password as stored: never the password, only its PHC hash and its state. */
export interface PasswordCredential {
  userId: string;
  tenantId: string;
  /** PHC string (or an imported legacy format the hasher understands). */
  hash: string;
  /** Set by an administrator: the next log-in gives a session that may only change it. */
  temporary: boolean;
  changedAt: Date;
  /** Set after too many consecutive failures; only an administrator's new password clears it. */
  disabledAt: Date | null;
  /** Set when an administrator expired the password: the next log-in gives a change-only session. A new password clears it. */
  expiredAt: Date | null;
  /** Incremented on every write; writers compare-and-set on it so concurrent changes cannot both win. */
  version: number;
}
