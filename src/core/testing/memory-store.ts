/**
 * The reference in-memory implementation of every storage port. Core tests use it; the storage contract
 * runs against it like any other adapter. Every method reads and writes without an await in between,
 * which on one event loop is as atomic as a database transaction.
 */
import type { AuditEvent } from '../audit/audit-event.js';
import { waitAfterFailures } from '../credentials/lockout-schedule.js';
import { conflict } from '../errors.js';
import type { AttemptThrottle } from '../ports/attempt-throttle.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { Store } from '../ports/store.js';
import type { TenantStore } from '../ports/tenant-store.js';
import { createMemoryCredentialStore } from './memory-credential-store.js';
import { createMemorySessionStore } from './memory-session-store.js';
import { compareCodePoints, copy, createMemoryState, decodeCursor, encodeCursor, scoped, type MemoryState } from './memory-state.js';
import { createMemoryUserDirectory } from './memory-user-directory.js';

export function createMemoryStore(): Store {
  const state = createMemoryState();
  return {
    tenants: createMemoryTenantStore(state),
    users: createMemoryUserDirectory(state),
    credentials: createMemoryCredentialStore(state),
    sessions: createMemorySessionStore(state),
    throttle: createMemoryAttemptThrottle(state),
    audit: createMemoryAuditLog(state),
    ping: async () => undefined,
    close: async () => undefined,
  };
}

function createMemoryTenantStore(state: MemoryState): TenantStore {
  return {
    async create(tenant) {
      if (state.tenants.has(tenant.id)) throw conflict('id');
      const appId = tenant.kii?.appId;
      if (appId !== undefined && [...state.tenants.values()].some((t) => t.kii?.appId === appId)) throw conflict('kii_app_id');
      state.tenants.set(tenant.id, copy(tenant));
    },
    async get(id) {
      const tenant = state.tenants.get(id);
      return tenant && copy(tenant);
    },
    async getByKiiAppId(appId) {
      const tenant = [...state.tenants.values()].find((t) => t.kii?.appId === appId);
      return tenant && copy(tenant);
    },
    async list() {
      return [...state.tenants.values()].sort((a, b) => compareCodePoints(a.id, b.id)).map(copy);
    },
    async update(tenant) {
      const current = state.tenants.get(tenant.id);
      if (!current) return undefined;
      const appId = tenant.kii?.appId;
      if (appId !== undefined && [...state.tenants.values()].some((t) => t.id !== tenant.id && t.kii?.appId === appId)) throw conflict('kii_app_id');
      const { kii: _previous, ...kept } = current;
      const next = { ...kept, name: tenant.name, policy: copy(tenant.policy), ...(tenant.kii ? { kii: copy(tenant.kii) } : {}), updatedAt: new Date(tenant.updatedAt.getTime()) };
      state.tenants.set(tenant.id, next);
      return copy(next);
    },
  };
}

function createMemoryAttemptThrottle(state: MemoryState): AttemptThrottle {
  return {
    async begin(tenantId, key, now, waitsMs) {
      const id = scoped(tenantId, key);
      const row = state.throttle.get(id);
      if (row?.lockedUntil && row.lockedUntil.getTime() > now.getTime()) {
        return { allowed: false, lockedUntil: new Date(row.lockedUntil.getTime()) };
      }
      const failures = (row?.failures ?? 0) + 1;
      const wait = waitAfterFailures(waitsMs, failures);
      const lockedUntil = wait > 0 ? new Date(now.getTime() + wait) : null;
      state.throttle.set(id, { failures, lockedUntil, lastFailureAt: new Date(now.getTime()) });
      return { allowed: true, failures, lockedUntil: lockedUntil && new Date(lockedUntil.getTime()) };
    },
    async reset(tenantId, key) {
      state.throttle.delete(scoped(tenantId, key));
    },
    async get(tenantId, key) {
      const row = state.throttle.get(scoped(tenantId, key));
      return row && { failures: row.failures, lockedUntil: row.lockedUntil && new Date(row.lockedUntil.getTime()) };
    },
    async purgeStale(before) {
      let purged = 0;
      for (const [id, row] of state.throttle) {
        const lockOver = row.lockedUntil === null || row.lockedUntil.getTime() <= before.getTime();
        if (lockOver && row.lastFailureAt.getTime() < before.getTime() && state.throttle.delete(id)) purged += 1;
      }
      return purged;
    },
  };
}

const isAuditCursor = (value: unknown): value is { at: number; seq: number } =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as { at?: unknown }).at) &&
  Number.isSafeInteger((value as { seq?: unknown }).seq);

function createMemoryAuditLog(state: MemoryState): AuditLog {
  return {
    async append(event: AuditEvent) {
      if (state.audit.some((entry) => entry.event.id === event.id)) throw new Error('primary key: audit event id taken');
      state.audit.push({ seq: state.audit.length + 1, event: copy(event) });
    },
    async list(tenantId, query) {
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isAuditCursor);
      // Newest first: by time, then by order of appending for events within the same millisecond.
      const older = (at: number, seq: number) => after === undefined || at < after.at || (at === after.at && seq < after.seq);
      const matching = state.audit
        .filter(({ event }) => event.tenantId === tenantId)
        .filter(({ event }) => query.userId === undefined || event.actorId === query.userId || event.subjectId === query.userId)
        .filter(({ event }) => query.type === undefined || event.type === query.type)
        .filter(({ event }) => query.since === undefined || event.at.getTime() >= query.since.getTime())
        .filter(({ event, seq }) => older(event.at.getTime(), seq))
        .sort((a, b) => b.event.at.getTime() - a.event.at.getTime() || b.seq - a.seq);
      const page = matching.slice(0, Math.max(0, query.limit));
      const last = page.at(-1);
      const more = matching.length > page.length && last !== undefined;
      return {
        items: page.map(({ event }) => copy(event)),
        nextCursor: more ? encodeCursor({ at: last.event.at.getTime(), seq: last.seq }) : null,
      };
    },
  };
}
