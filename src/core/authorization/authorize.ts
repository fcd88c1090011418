import { forbidden, passwordChangeRequired } from '../errors.js';
import { DEFAULT_TENANT_ID } from '../tenants/tenant.js';
import type { Actor } from './actor.js';

/**
 * Guards shared by every use case. Cross-tenant access is prevented structurally (every lookup is
 * scoped by the actor's tenant); these check role and session kind.
 */

/** Any use case except change-own-password, read-self and log-out calls this first. */
export function requireFullSession(actor: Actor): void {
  if (actor.kind === 'user' && actor.passwordChangeOnly) throw passwordChangeRequired();
}

/** Write access to a tenant's users. */
export function requireAdmin(actor: Actor, tenantId: string): void {
  requireFullSession(actor);
  if (actor.kind === 'operator') return;
  if (actor.tenantId !== tenantId) throw forbidden('other_tenant');
  if (!actor.roles.includes('admin')) throw forbidden('role');
}

/** Read access to a tenant's users and audit trail: admins and auditors. */
export function requireReader(actor: Actor, tenantId: string): void {
  requireFullSession(actor);
  if (actor.kind === 'operator') return;
  if (actor.tenantId !== tenantId) throw forbidden('other_tenant');
  if (!actor.roles.includes('admin') && !actor.roles.includes('auditor')) throw forbidden('role');
}

/** Managing tenants: admins of the default tenant only. */
export function requireTenantManager(actor: Actor): void {
  requireAdmin(actor, DEFAULT_TENANT_ID);
}

/** Reading tenants: admins and auditors of the default tenant. */
export function requireTenantReader(actor: Actor): void {
  requireReader(actor, DEFAULT_TENANT_ID);
}

/** The tenant a user actor lives in, or the one an operator names. */
export function actorTenant(actor: Actor, named: string | undefined): string {
  if (actor.kind === 'user') return actor.tenantId;
  return named ?? DEFAULT_TENANT_ID;
}
