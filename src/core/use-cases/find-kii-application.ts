import { notFound } from '../errors.js';
import type { Ports } from '../ports/index.js';
import { constantTimeEquals } from '../tenants/kii-application-input.js';
import type { KiiApplication, Tenant } from '../tenants/tenant.js';

export type KiiTenant = Tenant & { kii: KiiApplication };

/**
 * The tenant bound to a Kii application id. With an app key (registration, log-in) the key must match;
 * an unknown app id and a wrong key get the same NotFound('tenant'). Routes that carry a bearer token
 * pass null: the token, not the key, authenticates them.
 */
export async function findKiiApplication(deps: Pick<Ports, 'tenants'>, appId: string, appKey: string | null): Promise<KiiTenant> {
  const tenant = await deps.tenants.getByKiiAppId(appId);
  const kii = tenant?.kii;
  if (!tenant || !kii) throw notFound('tenant');
  if (appKey !== null && !constantTimeEquals(appKey, kii.appKey)) throw notFound('tenant');
  return { ...tenant, kii };
}
