import type { Kysely } from 'kysely';
import type { TenantStore } from '../../../core/ports/tenant-store.js';
import type { Database } from '../sql/schema.js';
import { createSqlTenantStore } from '../sql/sql-tenant-store.js';
import { uniqueViolationColumns } from './sqlite-constraint.js';

export function createSqliteTenantStore(db: Kysely<Database>): TenantStore {
  return createSqlTenantStore(db, (error) => {
    const columns = uniqueViolationColumns(error);
    if (columns?.includes('tenants.id')) return 'id';
    if (columns?.includes('tenants.kii_app_id')) return 'kii_app_id';
    return null;
  });
}
