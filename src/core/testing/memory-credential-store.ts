import type { PasswordCredential } from '../credentials/password-credential.js';
import type { CredentialStore, PasswordChange } from '../ports/credential-store.js';
import { copy, scoped, type MemoryState } from './memory-state.js';

// Every method reads and writes without an await in between: on one event loop that is a transaction.
export function createMemoryCredentialStore(state: MemoryState): CredentialStore {
  return {
    async get(tenantId, userId) {
      const credential = state.credentials.get(scoped(tenantId, userId));
      return credential && copy(credential);
    },
    async commitPasswordChange(change: PasswordChange) {
      const key = scoped(change.tenantId, change.userId);
      const user = state.users.get(key);
      // A user deleted since the read is a lost race like any other.
      if (!user) return 'conflict';
      const current = state.credentials.get(key);
      if ((current?.version ?? null) !== change.expectedVersion) return 'conflict';
      const next: PasswordCredential = {
        userId: change.userId,
        tenantId: change.tenantId,
        hash: change.hash,
        temporary: change.temporary,
        changedAt: change.changedAt,
        disabledAt: null,
        expiredAt: null,
        version: (current?.version ?? 0) + 1,
      };
      state.credentials.set(key, copy(next));
      const history = current ? [{ hash: current.hash, changedAt: change.changedAt }, ...(state.history.get(key) ?? [])] : (state.history.get(key) ?? []);
      if (change.keepHistory > 0) state.history.set(key, history.slice(0, change.keepHistory));
      else state.history.delete(key);
      for (const [id, session] of state.sessions) {
        if (session.tenantId === change.tenantId && session.userId === change.userId) state.sessions.delete(id);
      }
      if (change.newSession) state.sessions.set(change.newSession.id, copy(change.newSession));
      state.throttle.delete(scoped(change.tenantId, user.usernameKey));
      for (const event of change.auditEvents) state.audit.push({ seq: state.audit.length + 1, event: copy(event) });
      return 'committed';
    },
    async rehash(tenantId, userId, expectedVersion, hash) {
      const key = scoped(tenantId, userId);
      const current = state.credentials.get(key);
      if (!current || current.version !== expectedVersion) return false;
      state.credentials.set(key, { ...current, hash, version: current.version + 1 });
      return true;
    },
    async disable(tenantId, userId, at) {
      const key = scoped(tenantId, userId);
      const current = state.credentials.get(key);
      // Idempotent: the first disabling time stands and the version moves once.
      if (!current || current.disabledAt !== null) return;
      state.credentials.set(key, { ...current, disabledAt: new Date(at.getTime()), version: current.version + 1 });
    },
    async history(tenantId, userId, limit) {
      return (state.history.get(scoped(tenantId, userId)) ?? []).slice(0, Math.max(0, limit)).map((entry) => entry.hash);
    },
    async expire(tenantId, userId, at) {
      const key = scoped(tenantId, userId);
      const current = state.credentials.get(key);
      if (!current) return false;
      if (current.expiredAt === null) state.credentials.set(key, { ...current, expiredAt: new Date(at.getTime()), version: current.version + 1 });
      return true;
    },
  };
}
