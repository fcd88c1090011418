import type { PasswordPolicy } from '../credentials/password-policy.js';

export const DEFAULT_TENANT_ID = 'default';

export interface Tenant {
  id: string;
  name: string;
  policy: PasswordPolicy;
  createdAt: Date;
  updatedAt: Date;
  /** Set when the tenant is also a Kii Cloud application (the Kii dialect finds it by appId). */
  kii?: KiiApplication | null;
}

/**
 * A Kii application's identity. The app key is a client identifier that Kii apps embed, compared as
 * given; the admin client secret is stored only as a password hash.
 */
export interface KiiApplication {
  appId: string;
  appKey: string;
  clientId: string;
  clientSecretHash: string;
  /** The hidden user that the application's admin tokens act as (it has no password). */
  serviceUserId: string;
}

/** Tenant ids appear in URLs and in Kii application routes: keep them boring. */
export const TENANT_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';

export function isValidTenantId(id: string): boolean {
  return new RegExp(TENANT_ID_PATTERN).test(id);
}
