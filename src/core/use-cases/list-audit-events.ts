import type { AuditEvent } from '../audit/audit-event.js';
import type { Actor } from '../authorization/actor.js';
import { requireReader } from '../authorization/authorize.js';
import type { AuditQuery } from '../ports/audit-log.js';
import type { Ports } from '../ports/index.js';

/** Administrators and auditors read their tenant's audit trail, newest first. */
export async function listAuditEvents(
  deps: Pick<Ports, 'audit'>,
  actor: Actor,
  tenantId: string,
  query: AuditQuery,
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  requireReader(actor, tenantId);
  return deps.audit.list(tenantId, query);
}
