import { createHash } from 'node:crypto';
import type { UserView } from '../../../../core/users/user-view.js';

/** PasswordExpiration meaning "never" in the product. */
export const NEVER_EXPIRES = 2147483647;

/**
 * The product's integer UserID, derived from the passwarden user id so it is stable across restarts
 * and instances without storing anything: the first 4 bytes of SHA-256(user id), big-endian, with the
 * top bit cleared (a positive 31-bit integer; 0 becomes 1). Two users may collide (about 1 in 2^31 per
 * pair): the number is for display only and nothing is looked up by it.
 */
export function uaUserId(userId: string): number {
  const value = createHash('sha256').update(userId, 'utf8').digest().readUInt32BE(0) & 0x7fffffff;
  return value === 0 ? 1 : value;
}

/** The product's user group, from passwarden roles: 1 administrators, 3 auditors, 2 members [ours]. */
function userGroupId(user: UserView): number {
  if (user.roles.includes('admin')) return 1;
  if (user.roles.includes('auditor')) return 3;
  return 2;
}

/**
 * SessionInfoRead. Never a secret: SupportPassword and SupportUsername are always empty. A session
 * from a temporary or expired password reports the password as already expired (PasswordExpiration = now), which
 * is how the product's clients learn that it must be changed; otherwise it never expires.
 */
export function sessionInfoRead(user: UserView, passwordChangeRequired: boolean, now: Date) {
  return {
    EmailAddress: user.email ?? '',
    FullName: user.displayName ?? user.username,
    Locale: 'en_US',
    PasswordExpiration: passwordChangeRequired ? Math.floor(now.getTime() / 1000) : NEVER_EXPIRES,
    PermissionIDs: {},
    Permissions: {},
    Preferences: {},
    Properties: {},
    SamlUser: false,
    SupportPassword: '',
    SupportUsername: '',
    ThemeDir: 'light',
    TZ: 'UTC',
    UserGroupID: userGroupId(user),
    UserID: uaUserId(user.id),
    Username: user.username,
  };
}
