import { sql, type Kysely } from 'kysely';
import type { AuditEvent } from '../../../core/audit/audit-event.js';
import type { AuditLog } from '../../../core/ports/audit-log.js';
import { decodeCursor, encodeCursor, isAuditCursor } from '../sql/cursor.js';
import { auditEventFromRow, auditEventToRow, ms, toNumber } from '../sql/rows.js';
import type { Database } from '../sql/schema.js';

/** Appends one event on `db`, which may be a transaction the event must commit with. */
export async function appendSqliteAuditEvent(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      ...auditEventToRow(event),
      // One statement, and SQLite serialises writers: the next number is never handed out twice.
      seq: sql<number>`(select coalesce(max(seq), 0) + 1 from audit_events)`,
    })
    .execute();
}

export function createSqliteAuditLog(db: Kysely<Database>): AuditLog {
  return {
    async append(event) {
      await appendSqliteAuditEvent(db, event);
    },
    async list(tenantId, query) {
      const limit = Math.max(0, query.limit);
      let select = db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId);
      const { userId, type, since } = query;
      if (userId !== undefined) select = select.where((eb) => eb.or([eb('actor_id', '=', userId), eb('subject_id', '=', userId)]));
      if (type !== undefined) select = select.where('type', '=', type);
      if (since !== undefined) select = select.where('at', '>=', ms(since));
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor, isAuditCursor);
        select = select.where((eb) => eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('seq', '<', after.seq)])]));
      }
      const rows = await select.orderBy('at', 'desc').orderBy('seq', 'desc').limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(auditEventFromRow),
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ at: toNumber(last.at), seq: toNumber(last.seq) }) : null,
      };
    },
  };
}
