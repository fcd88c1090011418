import { sql, type Kysely } from 'kysely';
import type { AuditEvent } from '../../../core/audit/audit-event.js';
import type { AuditLog } from '../../../core/ports/audit-log.js';
import { createSqlAuditLog, insertAuditEvent, type AuditSequence } from '../sql/sql-audit-log.js';
import type { Database } from '../sql/schema.js';

// One statement, and SQLite serialises writers: the next number is never handed out twice.
const SQLITE_AUDIT_SEQUENCE: AuditSequence = sql<number>`(select coalesce(max(seq), 0) + 1 from audit_events)`;

/** Appends one event on `db`, which may be a transaction the event must commit with. */
export const appendSqliteAuditEvent = (db: Kysely<Database>, event: AuditEvent): Promise<void> => insertAuditEvent(db, event, SQLITE_AUDIT_SEQUENCE);

export const createSqliteAuditLog = (db: Kysely<Database>): AuditLog => createSqlAuditLog(db, SQLITE_AUDIT_SEQUENCE);
