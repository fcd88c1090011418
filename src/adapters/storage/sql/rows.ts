/** Conversions between domain objects and rows, shared by the SQL adapters. */
import type { Selectable, Updateable } from 'kysely';
import type { AuditEvent, AuditEventType } from '../../../core/audit/audit-event.js';
import type { PasswordCredential } from '../../../core/credentials/password-credential.js';
import type { UserPatch } from '../../../core/ports/user-directory.js';
import { DEFAULT_PASSWORD_POLICY, mergePolicy, type PartialPolicy } from '../../../core/credentials/password-policy.js';
import type { Session } from '../../../core/sessions/session.js';
import type { KiiApplication, Tenant } from '../../../core/tenants/tenant.js';
import type { Role, User, UserStatus } from '../../../core/users/user.js';
import type { AuditEventsTable, PasswordCredentialsTable, SessionsTable, TenantsTable, UsersTable } from './schema.js';

/** Drivers return bigint columns as numbers or strings; both become a number here. */
export function toNumber(value: number | string | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`expected an integer from the database, got ${String(value)}`);
  return n;
}

export const toDate = (value: number | string): Date => new Date(toNumber(value));
export const toNullableDate = (value: number | string | null): Date | null => (value === null ? null : toDate(value));
export const ms = (date: Date): number => date.getTime();
export const msOrNull = (date: Date | null): number | null => (date === null ? null : date.getTime());

export function tenantFromRow(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    name: row.name,
    // Stored policies predate settings added later: defaults fill what a stored policy lacks.
    policy: mergePolicy(DEFAULT_PASSWORD_POLICY, JSON.parse(row.policy) as PartialPolicy),
    ...(row.kii === null ? {} : { kii: JSON.parse(row.kii) as KiiApplication }),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function userFromRow(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    usernameKey: row.username_key,
    email: row.email,
    emailKey: row.email_key,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    status: row.status as UserStatus,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function userToRow(user: User) {
  return {
    id: user.id,
    tenant_id: user.tenantId,
    username: user.username,
    username_key: user.usernameKey,
    email: user.email,
    email_key: user.emailKey,
    display_name: user.displayName,
    roles: JSON.stringify(user.roles),
    status: user.status,
    created_at: ms(user.createdAt),
    updated_at: ms(user.updatedAt),
  };
}

export function credentialFromRow(row: Selectable<PasswordCredentialsTable>): PasswordCredential {
  return {
    userId: row.user_id,
    tenantId: row.tenant_id,
    hash: row.hash,
    temporary: row.temporary === 1,
    changedAt: toDate(row.changed_at),
    disabledAt: toNullableDate(row.disabled_at),
    expiredAt: toNullableDate(row.expired_at),
    version: toNumber(row.version),
  };
}

export function credentialToRow(credential: PasswordCredential) {
  return {
    tenant_id: credential.tenantId,
    user_id: credential.userId,
    hash: credential.hash,
    temporary: credential.temporary ? 1 : 0,
    changed_at: ms(credential.changedAt),
    disabled_at: msOrNull(credential.disabledAt),
    expired_at: msOrNull(credential.expiredAt),
    version: credential.version,
  };
}

export function sessionFromRow(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    lastSeenAt: toDate(row.last_seen_at),
    authenticatedAt: toDate(row.authenticated_at),
    passwordChangeOnly: row.password_change_only === 1,
    origin: row.origin,
  };
}

export function sessionToRow(session: Session) {
  return {
    id: session.id,
    tenant_id: session.tenantId,
    user_id: session.userId,
    created_at: ms(session.createdAt),
    expires_at: ms(session.expiresAt),
    last_seen_at: ms(session.lastSeenAt),
    authenticated_at: ms(session.authenticatedAt),
    password_change_only: session.passwordChangeOnly ? 1 : 0,
    origin: session.origin,
  };
}

export function auditEventFromRow(row: Omit<Selectable<AuditEventsTable>, 'seq'>): AuditEvent {
  return {
    id: row.id,
    at: toDate(row.at),
    tenantId: row.tenant_id,
    type: row.type as AuditEventType,
    outcome: row.outcome as AuditEvent['outcome'],
    actorId: row.actor_id,
    actorKind: row.actor_kind as AuditEvent['actorKind'],
    subjectId: row.subject_id,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    dialect: row.dialect,
    reason: row.reason,
  };
}

/** The columns of an audit event, all but `seq`, whose numbering each database does its own way. */
export function auditEventToRow(event: AuditEvent) {
  return {
    id: event.id,
    tenant_id: event.tenantId,
    at: ms(event.at),
    type: event.type,
    outcome: event.outcome,
    actor_id: event.actorId,
    actor_kind: event.actorKind,
    subject_id: event.subjectId,
    ip: event.ip,
    user_agent: event.userAgent,
    request_id: event.requestId,
    dialect: event.dialect,
    reason: event.reason,
  };
}

/** The columns a UserPatch writes. */
export function userPatchToRow(patch: UserPatch): Updateable<UsersTable> {
  const set: Updateable<UsersTable> = { updated_at: ms(patch.updatedAt) };
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.emailKey !== undefined) set.email_key = patch.emailKey;
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.roles !== undefined) set.roles = JSON.stringify(patch.roles);
  if (patch.status !== undefined) set.status = patch.status;
  return set;
}
