import { sql, type Kysely } from 'kysely';
import type { AuditLog } from '../../../core/ports/audit-log.js';
import { createSqlAuditLog } from '../sql/sql-audit-log.js';
import type { Database } from '../sql/schema.js';

// An identity column: the sequence hands out each number once, across every connection.
export const createPostgresAuditLog = (db: Kysely<Database>): AuditLog => createSqlAuditLog(db, sql<number>`default`);
