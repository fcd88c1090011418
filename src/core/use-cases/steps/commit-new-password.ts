import { conflict } from '../../errors.js';
import type { Ports } from '../../ports/index.js';
import type { IssuedSession } from '../../sessions/issue-session.js';

export interface NewPasswordCommit {
  tenantId: string;
  userId: string;
  expectedVersion: number | null;
  /** NFC form, already accepted by the policy. */
  password: string;
  temporary: boolean;
  /** Replaced hashes to keep (the tenant's historyDepth). */
  keepHistory: number;
  newSession: IssuedSession | null;
}

/**
 * Hashes and commits a new password in one transaction with the revocation of every session of the
 * user (and the insertion of the caller's replacement session). A change that lost a race to another
 * change made from the same read is refused with Conflict rather than silently overwriting it.
 */
export async function commitNewPassword(
  deps: Pick<Ports, 'hasher' | 'credentials' | 'clock'>,
  change: NewPasswordCommit,
): Promise<void> {
  const hash = await deps.hasher.hash(change.password);
  const outcome = await deps.credentials.commitPasswordChange({
    tenantId: change.tenantId,
    userId: change.userId,
    expectedVersion: change.expectedVersion,
    hash,
    temporary: change.temporary,
    changedAt: deps.clock.now(),
    keepHistory: change.keepHistory,
    newSession: change.newSession?.session ?? null,
  });
  if (outcome === 'conflict') throw conflict('concurrent_update');
}
