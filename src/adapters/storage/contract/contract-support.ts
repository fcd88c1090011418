import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AuditEvent } from '../../../core/audit/audit-event.js';
import type { PasswordCredential } from '../../../core/credentials/password-credential.js';
import { DEFAULT_PASSWORD_POLICY } from '../../../core/credentials/password-policy.js';
import { isDomainError, type DomainErrorDetail } from '../../../core/errors.js';
import type { Store } from '../../../core/ports/store.js';
import type { Session } from '../../../core/sessions/session.js';
import type { Tenant } from '../../../core/tenants/tenant.js';
import { emailKey, usernameKey, type User } from '../../../core/users/user.js';

export type MakeStore = () => Promise<{ store: Store; dispose: () => Promise<void> }>;

/** Cases an adapter cannot honour, each with the reason (Hono `runTest`, better-auth `disableTests`). */
export interface ContractOptions {
  skip?: { reason: string; tests: string[] }[];
}

/** `it`, or `it.skip` with the reason in the title when the adapter declared the case skipped. */
export function caseRunner(options: ContractOptions = {}) {
  return (name: string, fn: () => Promise<void>) => {
    const skipped = options.skip?.find((entry) => entry.tests.includes(name));
    if (skipped) it.skip(`${name} (skipped: ${skipped.reason})`, fn);
    else it(name, fn);
  };
}

/** A fresh store per test, disposed afterwards. */
export function useStore(makeStore: MakeStore): () => Store {
  let current: { store: Store; dispose: () => Promise<void> } | undefined;
  beforeEach(async () => {
    current = await makeStore();
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('store used outside a test');
    return current.store;
  };
}

export const T0 = new Date('2026-03-01T12:00:00.123Z');
export const at = (ms: number) => new Date(T0.getTime() + ms);

export function tenant(id: string, overrides: Partial<Tenant> = {}): Tenant {
  return { id, name: `Tenant ${id}`, policy: structuredClone(DEFAULT_PASSWORD_POLICY), createdAt: T0, updatedAt: T0, ...overrides };
}

export function user(tenantId: string, id: string, username: string, overrides: Partial<User> = {}): User {
  const email = overrides.email === undefined ? `${username}@example.test` : overrides.email;
  return {
    id,
    tenantId,
    username,
    usernameKey: usernameKey(username),
    email,
    emailKey: emailKey(email),
    displayName: null,
    roles: ['member'],
    status: 'active',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function credential(u: Pick<User, 'tenantId' | 'id'>, overrides: Partial<PasswordCredential> = {}): PasswordCredential {
  return { userId: u.id, tenantId: u.tenantId, hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', temporary: false, changedAt: T0, disabledAt: null, expiredAt: null, version: 1, ...overrides };
}

export function session(u: Pick<User, 'tenantId' | 'id'>, id: string, overrides: Partial<Session> = {}): Session {
  return {
    id,
    tenantId: u.tenantId,
    userId: u.id,
    createdAt: T0,
    expiresAt: at(3600_000),
    lastSeenAt: T0,
    authenticatedAt: T0,
    passwordChangeOnly: false,
    origin: 'native',
    ...overrides,
  };
}

export function event(tenantId: string, id: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    at: T0,
    tenantId,
    type: 'login',
    outcome: 'success',
    actorId: null,
    actorKind: 'anonymous',
    subjectId: null,
    ip: '203.0.113.9',
    userAgent: 'contract',
    requestId: null,
    dialect: 'native',
    reason: null,
    ...overrides,
  };
}

/** Creates a tenant and a user with a credential: the starting point of most cases. */
export async function seedUser(store: Store, tenantId = 'acme', username = 'alice'): Promise<User> {
  if (!(await store.tenants.get(tenantId))) await store.tenants.create(tenant(tenantId));
  const created = user(tenantId, `${tenantId}-${username}`, username);
  await store.users.create(created, credential(created));
  return created;
}

/** Settles every promise and returns the DomainError details of the rejections. */
export async function settle(promises: Promise<unknown>[]): Promise<{ fulfilled: number; conflicts: DomainErrorDetail[] }> {
  const results = await Promise.allSettled(promises);
  const conflicts: DomainErrorDetail[] = [];
  let fulfilled = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') fulfilled += 1;
    else if (isDomainError(result.reason)) conflicts.push(result.reason.detail);
    else throw result.reason;
  }
  return { fulfilled, conflicts };
}

export async function expectDomainError(promise: Promise<unknown>, detail: DomainErrorDetail): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isDomainError(error) ? error.detail : error).toEqual(detail);
}
