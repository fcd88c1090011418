import type { AuditEvent } from '../audit/audit-event.js';
import type { PasswordCredential } from '../credentials/password-credential.js';
import { requestInvalid } from '../errors.js';
import type { Session } from '../sessions/session.js';
import type { Tenant } from '../tenants/tenant.js';
import type { User } from '../users/user.js';

export interface ThrottleRow {
  failures: number;
  lockedUntil: Date | null;
  lastFailureAt: Date;
}

/** Everything the in-memory store holds. Keys of tenant-scoped maps come from `scoped`. */
export interface MemoryState {
  tenants: Map<string, Tenant>;
  users: Map<string, User>;
  credentials: Map<string, PasswordCredential>;
  /** Replaced hashes per user, newest first. */
  history: Map<string, { hash: string; changedAt: Date }[]>;
  sessions: Map<string, Session>;
  throttle: Map<string, ThrottleRow>;
  audit: { seq: number; event: AuditEvent }[];
}

export function createMemoryState(): MemoryState {
  return { tenants: new Map(), users: new Map(), credentials: new Map(), history: new Map(), sessions: new Map(), throttle: new Map(), audit: [] };
}

/** NUL cannot occur in ids or keys that came through the HTTP schemas, so the join is unambiguous. */
export function scoped(tenantId: string, id: string): string {
  return `${tenantId}\u0000${id}`;
}

/** Callers get and give copies: nothing they hold can change what is stored. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Orders strings by code point, as SQL BINARY collation does, so every adapter pages alike. */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]?.codePointAt(0) ?? 0;
    const y = right[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x - y;
  }
  return left.length - right.length;
}

export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A cursor that was not issued by this store is the caller's mistake, not an internal failure. */
export function decodeCursor<T>(cursor: string, accept: (value: unknown) => value is T): T {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (accept(value)) return value;
  } catch {
    // fall through to the refusal below
  }
  throw requestInvalid([{ pointer: '/cursor', problem: 'malformed', detail: 'cursor was not issued by this service' }]);
}
