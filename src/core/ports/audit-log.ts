import type { AuditEvent, AuditEventType } from '../audit/audit-event.js';

export interface AuditQuery {
  userId?: string | undefined;
  type?: AuditEventType | undefined;
  since?: Date | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Append-only: there is no update or delete. */
export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  /** Newest first; `userId` matches actor or subject. */
  list(tenantId: string, query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }>;
}
