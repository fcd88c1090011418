import { conflict, forbidden } from '../errors.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import type { UserDirectory, UserPatch } from '../ports/user-directory.js';
import { isActiveAdministrator, patchRemovesAdministrator } from '../users/administrators.js';
import type { User } from '../users/user.js';
import { compareCodePoints, copy, decodeCursor, encodeCursor, scoped, type MemoryState } from './memory-state.js';

const isKeyCursor = (value: unknown): value is { k: string } =>
  typeof value === 'object' && value !== null && typeof (value as { k?: unknown }).k === 'string';

function usersOf(state: MemoryState, tenantId: string): User[] {
  return [...state.users.values()].filter((user) => user.tenantId === tenantId);
}

/** Refuses to take the standing of the tenant's last active administrator away. */
function assertAnotherAdministrator(state: MemoryState, user: User): void {
  if (!usersOf(state, user.tenantId).some((other) => other.id !== user.id && isActiveAdministrator(other))) throw forbidden('last_admin');
}

function assertFree(state: MemoryState, user: Pick<User, 'id' | 'tenantId' | 'usernameKey' | 'emailKey'>, checkUsername: boolean): void {
  for (const other of usersOf(state, user.tenantId)) {
    if (other.id === user.id) continue;
    if (checkUsername && other.usernameKey === user.usernameKey) throw conflict('username');
    if (user.emailKey !== null && other.emailKey === user.emailKey) throw conflict('email');
  }
}

export function createMemoryUserDirectory(state: MemoryState): UserDirectory {
  return {
    async create(user: User, credential: PasswordCredential | null) {
      if (!state.tenants.has(user.tenantId)) throw new Error(`foreign key: no tenant ${user.tenantId}`);
      // Ids are unique across tenants, as a primary key in SQL makes them.
      if ([...state.users.values()].some((other) => other.id === user.id)) throw conflict('id');
      assertFree(state, user, true);
      state.users.set(scoped(user.tenantId, user.id), copy(user));
      if (credential) state.credentials.set(scoped(user.tenantId, user.id), copy({ ...credential, tenantId: user.tenantId, userId: user.id }));
    },
    async getById(tenantId, id) {
      const user = state.users.get(scoped(tenantId, id));
      return user && copy(user);
    },
    async getByUsernameKey(tenantId, key) {
      const user = usersOf(state, tenantId).find((candidate) => candidate.usernameKey === key);
      return user && copy(user);
    },
    async getByEmailKey(tenantId, key) {
      const user = usersOf(state, tenantId).find((candidate) => candidate.emailKey === key);
      return user && copy(user);
    },
    async list(tenantId, query) {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isKeyCursor).k;
      const q = query.q;
      const matching = usersOf(state, tenantId)
        .filter((user) => q === undefined || user.usernameKey.startsWith(q) || (user.emailKey?.startsWith(q) ?? false))
        .filter((user) => after === undefined || compareCodePoints(user.usernameKey, after) > 0)
        .sort((a, b) => compareCodePoints(a.usernameKey, b.usernameKey));
      const items = matching.slice(0, Math.max(0, query.limit));
      const last = items.at(-1);
      const more = matching.length > items.length && last !== undefined;
      return { items: items.map(copy), nextCursor: more ? encodeCursor({ k: last.usernameKey }) : null };
    },
    async update(tenantId, id, patch: UserPatch) {
      const key = scoped(tenantId, id);
      const current = state.users.get(key);
      if (!current) return undefined;
      if (patchRemovesAdministrator(current, patch)) assertAnotherAdministrator(state, current);
      const next: User = {
        ...current,
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.emailKey !== undefined ? { emailKey: patch.emailKey } : {}),
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
        ...(patch.roles !== undefined ? { roles: [...patch.roles] } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updatedAt: patch.updatedAt,
      };
      assertFree(state, next, false);
      state.users.set(key, copy(next));
      return copy(next);
    },
    async delete(tenantId, id) {
      const key = scoped(tenantId, id);
      const current = state.users.get(key);
      if (!current) return false;
      if (isActiveAdministrator(current)) assertAnotherAdministrator(state, current);
      state.users.delete(key);
      state.credentials.delete(key);
      state.history.delete(key);
      for (const [sessionId, session] of state.sessions) {
        if (session.tenantId === tenantId && session.userId === id) state.sessions.delete(sessionId);
      }
      return true;
    },
    async anyWithRole(tenantId, role) {
      return usersOf(state, tenantId).some((user) => user.roles.includes(role));
    },
  };
}
