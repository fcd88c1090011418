import type { Kysely } from 'kysely';
import { conflict } from '../../../core/errors.js';
import type { TenantStore } from '../../../core/ports/tenant-store.js';
import type { Tenant } from '../../../core/tenants/tenant.js';
import { ms, tenantFromRow } from './rows.js';
import type { Database } from './schema.js';

/** Which unique key a failed write broke, read from the database's own error; null for anything else. */
export type TenantKeyViolation = (error: unknown) => 'id' | 'kii_app_id' | null;

/** The Kii binding as stored: the whole object as JSON, and its appId alone for the unique index. */
function kiiColumns(tenant: Tenant): { kii: string | null; kii_app_id: string | null } {
  return tenant.kii ? { kii: JSON.stringify(tenant.kii), kii_app_id: tenant.kii.appId } : { kii: null, kii_app_id: null };
}

/** The tenant store of both SQL databases; only the reading of a unique violation differs. */
export function createSqlTenantStore(db: Kysely<Database>, keyViolation: TenantKeyViolation): TenantStore {
  const asConflict = (error: unknown): unknown => {
    const key = keyViolation(error);
    return key === null ? error : conflict(key);
  };
  return {
    async create(tenant) {
      try {
        await db
          .insertInto('tenants')
          .values({ id: tenant.id, name: tenant.name, policy: JSON.stringify(tenant.policy), ...kiiColumns(tenant), created_at: ms(tenant.createdAt), updated_at: ms(tenant.updatedAt) })
          .execute();
      } catch (error) {
        throw asConflict(error);
      }
    },
    async get(id) {
      const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
      return row && tenantFromRow(row);
    },
    async getByKiiAppId(appId) {
      const row = await db.selectFrom('tenants').selectAll().where('kii_app_id', '=', appId).executeTakeFirst();
      return row && tenantFromRow(row);
    },
    async list() {
      const rows = await db.selectFrom('tenants').selectAll().orderBy('id').execute();
      return rows.map(tenantFromRow);
    },
    async update(tenant) {
      try {
        const row = await db
          .updateTable('tenants')
          .set({ name: tenant.name, policy: JSON.stringify(tenant.policy), ...kiiColumns(tenant), updated_at: ms(tenant.updatedAt) })
          .where('id', '=', tenant.id)
          .returningAll()
          .executeTakeFirst();
        return row && tenantFromRow(row);
      } catch (error) {
        throw asConflict(error);
      }
    },
  };
}
