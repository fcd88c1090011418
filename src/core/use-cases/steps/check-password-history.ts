import type { Violation } from '../../credentials/violation.js';
import type { Ports } from '../../ports/index.js';
import type { Tenant } from '../../tenants/tenant.js';

/**
 * `reused` when the NFC candidate matches one of the user's last `historyDepth` replaced passwords.
 * Each entry costs one hash verification, so this runs only after cheaper rules and the caller's
 * proof have passed, and stops at the first match.
 */
export async function historyViolation(
  deps: Pick<Ports, 'credentials' | 'hasher'>,
  tenant: Tenant,
  userId: string,
  password: string,
): Promise<Violation | null> {
  const { historyDepth } = tenant.policy;
  if (historyDepth <= 0) return null;
  for (const hash of await deps.credentials.history(tenant.id, userId, historyDepth)) {
    if (await deps.hasher.verify(hash, password)) return { code: 'reused', historyDepth };
  }
  return null;
}
