import type { PasswordCredential } from '../credentials/password-credential.js';
import type { Role, User, UserStatus } from '../users/user.js';

export interface UserPage {
  items: User[];
  /** Opaque; null when there is nothing more. */
  nextCursor: string | null;
}

export interface UserListQuery {
  limit: number;
  cursor?: string | undefined;
  /** Prefix of the username key or e-mail key. */
  q?: string | undefined;
}

export interface UserPatch {
  email?: string | null;
  emailKey?: string | null;
  displayName?: string | null;
  roles?: Role[];
  status?: UserStatus;
  updatedAt: Date;
}

/**
 * Users of a tenant. Every read is scoped by tenant, so one tenant can never reach another's users
 * by id. Holds no secrets: credentials live behind CredentialStore.
 */
export interface UserDirectory {
  /**
   * Inserts a user and, when given, its first credential, in one transaction: never a user without
   * the credential it was created with. Throws DomainError Conflict('username' | 'email') when the
   * tenant already has that username key or e-mail key; of two racing creations exactly one succeeds.
   */
  create(user: User, credential: PasswordCredential | null): Promise<void>;
  getById(tenantId: string, id: string): Promise<User | undefined>;
  getByUsernameKey(tenantId: string, usernameKey: string): Promise<User | undefined>;
  getByEmailKey(tenantId: string, emailKey: string): Promise<User | undefined>;
  /** Ordered by username key; the cursor continues after the last item returned. */
  list(tenantId: string, query: UserListQuery): Promise<UserPage>;
  /**
   * Throws Conflict('email') on a taken e-mail. Undefined when the user does not exist.
   *
   * A tenant always keeps an active administrator: a patch that would demote or disable its last
   * active administrator (service principals, whose names start with `$`, do not count) throws
   * Forbidden('last_admin') and writes nothing. The check and the write are one transaction, so two
   * administrators demoting each other at the same moment cannot both succeed.
   */
  update(tenantId: string, id: string, patch: UserPatch): Promise<User | undefined>;
  /**
   * Removes the user with its credential and sessions. False when absent. Throws
   * Forbidden('last_admin'), as update does, for the tenant's last active administrator.
   */
  delete(tenantId: string, id: string): Promise<boolean>;
  /** Whether any user of the tenant holds the role (first-administrator bootstrap). */
  anyWithRole(tenantId: string, role: Role): Promise<boolean>;
}
