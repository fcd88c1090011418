import type { Tenant } from '../tenants/tenant.js';

export interface TenantStore {
  /** Inserts a tenant; throws DomainError Conflict('id') when the id is taken, even under races. */
  create(tenant: Tenant): Promise<void>;
  get(id: string): Promise<Tenant | undefined>;
  /** The tenant bound to a Kii application id; ids are unique across tenants (Conflict('kii_app_id')). */
  getByKiiAppId(appId: string): Promise<Tenant | undefined>;
  /** All tenants, ordered by id. */
  list(): Promise<Tenant[]>;
  /** Replaces name, policy and Kii binding; returns the stored tenant, or undefined when absent. */
  update(tenant: Tenant): Promise<Tenant | undefined>;
}
