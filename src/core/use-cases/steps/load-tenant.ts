import { notFound } from '../../errors.js';
import type { TenantStore } from '../../ports/tenant-store.js';
import type { Tenant } from '../../tenants/tenant.js';

export async function loadTenant(deps: { tenants: TenantStore }, tenantId: string): Promise<Tenant> {
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw notFound('tenant');
  return tenant;
}
