import type { Kysely, RawBuilder } from 'kysely';
import type { AuditEvent } from '../../../core/audit/audit-event.js';
import type { AuditLog } from '../../../core/ports/audit-log.js';
import { decodeCursor, encodeCursor, isAuditCursor } from './cursor.js';
import { auditEventFromRow, auditEventToRow, ms, toNumber } from './rows.js';
import type { Database } from './schema.js';

/**
 * How a database numbers its audit events (`seq`, the order of appending that breaks ties within a
 * millisecond): an expression that never hands out a number twice.
 */
export type AuditSequence = RawBuilder<number>;

/** Appends one event on `db`, which may be a transaction the event must commit with. */
export async function insertAuditEvent(db: Kysely<Database>, event: AuditEvent, seq: AuditSequence): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({ ...auditEventToRow(event), seq })
    .execute();
}

/** The audit log of both SQL databases; only the numbering differs. */
export function createSqlAuditLog(db: Kysely<Database>, seq: AuditSequence): AuditLog {
  return {
    async append(event) {
      await insertAuditEvent(db, event, seq);
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
        // `at` and `seq` are bigints, which pg reads as strings: the cursor holds them as numbers.
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ at: toNumber(last.at), seq: toNumber(last.seq) }) : null,
      };
    },
  };
}
