import type { PasswordCredential } from '../credentials/password-credential.js';
import type { ThrottleState } from '../ports/attempt-throttle.js';
import type { User } from './user.js';

/** What callers may see of a user: never a hash. */
export interface UserView extends User {
  hasPassword: boolean;
  passwordChangeRequired: boolean;
  passwordChangedAt: Date | null;
  /** A wait in force after failed attempts, or null. */
  lockedUntil: Date | null;
  /** The password was disabled after too many failures and awaits an administrator. */
  passwordDisabled: boolean;
}

export function toUserView(
  user: User,
  credential: PasswordCredential | undefined,
  throttle: ThrottleState | undefined,
  now: Date,
): UserView {
  const lockedUntil = throttle?.lockedUntil && throttle.lockedUntil.getTime() > now.getTime() ? throttle.lockedUntil : null;
  return {
    ...user,
    hasPassword: credential !== undefined,
    // An administrator's expiry shows here; the tenant's maximum age shows at the next log-in.
    passwordChangeRequired: credential !== undefined && (credential.temporary || credential.expiredAt !== null),
    passwordChangedAt: credential?.changedAt ?? null,
    lockedUntil,
    passwordDisabled: credential !== undefined && credential.disabledAt !== null,
  };
}
