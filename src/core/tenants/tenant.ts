import type { PasswordPolicy } from '../credentials/password-policy.js';

export const DEFAULT_TENANT_ID = 'default';

export interface Tenant {
  id: string;
  name: string;
  policy: PasswordPolicy;
  createdAt: Date;
  updatedAt: Date;
}

/** Tenant ids appear in URLs and in Kii application routes: keep them boring. */
export const TENANT_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';

export function isValidTenantId(id: string): boolean {
  return new RegExp(TENANT_ID_PATTERN).test(id);
}
