import type { UserPatch } from '../ports/user-directory.js';
import { isServiceUser, type User } from './user.js';

/** Someone who can administer the tenant: active, holding the admin role, and not a service principal. */
export function isActiveAdministrator(user: Pick<User, 'status' | 'roles' | 'username'>): boolean {
  return user.status === 'active' && user.roles.includes('admin') && !isServiceUser(user);
}

/** Whether the patch takes an active administrator's standing away (a demotion or a disabling). */
export function patchRemovesAdministrator(user: Pick<User, 'status' | 'roles' | 'username'>, patch: Pick<UserPatch, 'roles' | 'status'>): boolean {
  return isActiveAdministrator(user) && !isActiveAdministrator({ ...user, roles: patch.roles ?? user.roles, status: patch.status ?? user.status });
}
