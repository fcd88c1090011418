import type { AuditEvent } from '../../../../core/audit/audit-event.js';
import type { Tenant } from '../../../../core/tenants/tenant.js';
import type { UserView } from '../../../../core/users/user-view.js';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** The native user object: never a hash, never internal keys. */
export function presentUser(user: UserView) {
  return {
    id: user.id,
    tenant: user.tenantId,
    username: user.username,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    status: user.status,
    hasPassword: user.hasPassword,
    passwordChangeRequired: user.passwordChangeRequired,
    passwordChangedAt: iso(user.passwordChangedAt),
    passwordDisabled: user.passwordDisabled,
    lockedUntil: iso(user.lockedUntil),
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function presentAuditEvent(event: AuditEvent) {
  return {
    id: event.id,
    at: event.at.toISOString(),
    tenant: event.tenantId,
    type: event.type,
    outcome: event.outcome,
    actorId: event.actorId,
    actorKind: event.actorKind,
    subjectId: event.subjectId,
    ip: event.ip,
    userAgent: event.userAgent,
    requestId: event.requestId,
    dialect: event.dialect,
    reason: event.reason,
  };
}

export function presentTenant(tenant: Tenant) {
  return {
    id: tenant.id,
    name: tenant.name,
    policy: tenant.policy,
    // The client secret's hash and the hidden admin user stay inside.
    ...(tenant.kii ? { kii: { appId: tenant.kii.appId, appKey: tenant.kii.appKey, clientId: tenant.kii.clientId } } : {}),
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
