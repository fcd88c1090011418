import type { SessionStore } from '../ports/session-store.js';
import type { Session } from '../sessions/session.js';
import { copy, scoped, type MemoryState } from './memory-state.js';

export function createMemorySessionStore(state: MemoryState): SessionStore {
  const ofUser = (tenantId: string, userId: string): [string, Session][] =>
    [...state.sessions].filter(([, session]) => session.tenantId === tenantId && session.userId === userId);
  const liveCount = (tenantId: string, userId: string, origin: string, now: Date) =>
    ofUser(tenantId, userId).filter(([, s]) => s.origin === origin && s.expiresAt.getTime() > now.getTime()).length;
  const insert = (session: Session) => {
    if (!state.users.has(scoped(session.tenantId, session.userId))) throw new Error('foreign key: no such user');
    if (state.sessions.has(session.id)) throw new Error('primary key: session id taken');
    state.sessions.set(session.id, copy(session));
  };
  return {
    async create(session) {
      insert(session);
    },
    async get(id) {
      const session = state.sessions.get(id);
      return session && copy(session);
    },
    async getWithUser(id) {
      const session = state.sessions.get(id);
      const user = session && state.users.get(scoped(session.tenantId, session.userId));
      return session && user && { session: copy(session), user: copy(user) };
    },
    async touch(id, lastSeenAt) {
      const session = state.sessions.get(id);
      // Only forward: a late, slower request must not make the session look older than it is.
      if (session && session.lastSeenAt.getTime() < lastSeenAt.getTime()) session.lastSeenAt = new Date(lastSeenAt.getTime());
    },
    async revoke(id) {
      return state.sessions.delete(id);
    },
    async revokeAllForUser(tenantId, userId, exceptId) {
      let revoked = 0;
      for (const [id] of ofUser(tenantId, userId)) {
        if (id !== exceptId && state.sessions.delete(id)) revoked += 1;
      }
      return revoked;
    },
    async createWithinLimit(session, limit, now) {
      if (liveCount(session.tenantId, session.userId, session.origin, now) >= limit) return false;
      insert(session);
      return true;
    },
    async countLive(tenantId, userId, origin, now) {
      return liveCount(tenantId, userId, origin, now);
    },
    async purgeExpired(now) {
      let purged = 0;
      for (const [id, session] of state.sessions) {
        if (session.expiresAt.getTime() <= now.getTime() && state.sessions.delete(id)) purged += 1;
      }
      return purged;
    },
  };
}
