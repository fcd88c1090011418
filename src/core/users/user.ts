export const ROLES = ['admin', 'member', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface User {
  id: string;
  tenantId: string;
  /** As given at creation, NFC-normalised. Immutable. */
  username: string;
  /** Uniqueness key inside the tenant: NFC + full case folding. */
  usernameKey: string;
  email: string | null;
  /** Uniqueness key for e-mail inside the tenant (lower-cased), or null. */
  emailKey: string | null;
  displayName: string | null;
  roles: Role[];
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The key two usernames are compared by: NFC, then full case folding. JavaScript has no case-fold
 * primitive; upper-then-lower casing maps "ß" to "ss" and "ﬁ" to "fi" as Unicode full folding does,
 * and a final NFC recomposes anything the casing decomposed.
 */
export function usernameKey(username: string): string {
  return username.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

export function emailKey(email: string | null): string | null {
  return email === null ? null : email.normalize('NFC').trim().toLowerCase();
}

export function hasRole(user: { roles: readonly Role[] }, role: Role): boolean {
  return user.roles.includes(role);
}

/**
 * Users whose username starts with "$" are service principals the product creates itself (e.g. the
 * user a Kii application's admin tokens act as). Nobody can create, edit, delete or set a password on
 * them through the administration use cases.
 */
export function isServiceUser(user: { username: string }): boolean {
  return user.username.startsWith('$');
}
