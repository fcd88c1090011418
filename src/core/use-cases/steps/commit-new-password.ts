import type { RequestContext } from '../../audit/audit-event.js';
import { auditEvent, type AuditFacts } from '../../audit/record-audit.js';
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
  /** What the change is recorded as; committed with it, never without it. */
  audit: AuditFacts[];
}

/**
 * Hashes and commits a new password in one transaction with the revocation of every session of the
 * user (and the insertion of the caller's replacement session) and the audit events of the change. A change that lost a race to another
 * change made from the same read is refused with Conflict rather than silently overwriting it.
 */
export async function commitNewPassword(
  deps: Pick<Ports, 'hasher' | 'credentials' | 'clock' | 'tokens'>,
  change: NewPasswordCommit,
  context: RequestContext,
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
    auditEvents: change.audit.map((facts) => auditEvent(deps, facts, context)),
  });
  if (outcome === 'conflict') throw conflict('concurrent_update');
}
