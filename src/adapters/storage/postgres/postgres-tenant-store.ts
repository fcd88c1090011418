import type { Kysely } from 'kysely';
import type { TenantStore } from '../../../core/ports/tenant-store.js';
import type { Database } from '../sql/schema.js';
import { createSqlTenantStore } from '../sql/sql-tenant-store.js';
import { uniqueViolationConstraint } from './postgres-constraint.js';

export function createPostgresTenantStore(db: Kysely<Database>): TenantStore {
  return createSqlTenantStore(db, (error) => {
    const constraint = uniqueViolationConstraint(error);
    if (constraint === 'tenants_pk') return 'id';
    if (constraint === 'tenants_kii_app_id_unique') return 'kii_app_id';
    return null;
  });
}
