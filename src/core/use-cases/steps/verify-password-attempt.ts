import type { RequestContext } from '../../audit/audit-event.js';
import { recordAudit } from '../../audit/record-audit.js';
import type { Actor } from '../../authorization/actor.js';
import { lockoutWaitsMs, shouldDisablePassword } from '../../credentials/lockout-schedule.js';
import type { PasswordCredential } from '../../credentials/password-credential.js';
import type { LockoutPolicy } from '../../credentials/password-policy.js';
import { rateLimited } from '../../errors.js';
import type { Ports } from '../../ports/index.js';

export type VerifyAttemptDeps = Pick<Ports, 'throttle' | 'hasher' | 'credentials' | 'sessions' | 'audit' | 'clock' | 'tokens'>;

export interface VerifyAttempt {
  tenantId: string;
  /** The username key the counter is kept under; exists whether or not the user does. */
  throttleKey: string;
  /** Undefined for an unknown user, or one who must not succeed (disabled): a dummy hash is verified. */
  credential: PasswordCredential | undefined;
  userId: string | null;
  /** NFC-normalised candidate. */
  password: string;
  lockout: LockoutPolicy;
  actor: Actor | null;
  auditType: 'login' | 'password.change';
  /**
   * 'commit' when the caller clears the counter itself: in the transaction of the password change
   * that follows (commitPasswordChange does), or with throttle.reset when it refuses the change.
   * Saves a write per change. Default: cleared here on a match.
   */
  clearOnMatch?: 'here' | 'commit';
}

/**
 * One guarded password verification, shared by log-in and the current-password check of a change:
 * counts the attempt before verifying (so concurrent guesses cannot slip past the limit), spends the
 * same hashing work whether or not the user exists, clears the counter on success, and on failure
 * records lockouts and disables the password after too many. Throws RateLimited while a wait is in
 * force; returns whether the password matched.
 */
export async function verifyPasswordAttempt(
  deps: VerifyAttemptDeps,
  attempt: VerifyAttempt,
  context: RequestContext,
): Promise<boolean> {
  const now = deps.clock.now();
  const start = await deps.throttle.begin(attempt.tenantId, attempt.throttleKey, now, lockoutWaitsMs(attempt.lockout));
  if (!start.allowed) {
    await recordAudit(
      deps,
      { tenantId: attempt.tenantId, type: attempt.auditType, outcome: 'failure', actor: attempt.actor, subjectId: attempt.userId, reason: 'rate_limited' },
      context,
    );
    throw rateLimited((start.lockedUntil.getTime() - now.getTime()) / 1000);
  }

  const usable = attempt.credential !== undefined && attempt.credential.disabledAt === null;
  let matched = false;
  if (usable && attempt.credential) {
    matched = await deps.hasher.verify(attempt.credential.hash, attempt.password);
  } else {
    await deps.hasher.verifyDummy(attempt.password);
  }

  if (matched) {
    if (attempt.clearOnMatch !== 'commit') await deps.throttle.reset(attempt.tenantId, attempt.throttleKey);
    return true;
  }

  const reason = attempt.userId === null ? 'unknown_user' : !usable ? 'password_unusable' : 'wrong_password';
  await recordAudit(
    deps,
    { tenantId: attempt.tenantId, type: attempt.auditType, outcome: 'failure', actor: attempt.actor, subjectId: attempt.userId, reason },
    context,
  );
  if (start.lockedUntil !== null && attempt.userId !== null) {
    await recordAudit(
      deps,
      {
        tenantId: attempt.tenantId,
        type: 'account.lockout',
        outcome: 'success',
        actor: attempt.actor,
        subjectId: attempt.userId,
        reason: `failures=${start.failures}`,
      },
      context,
    );
  }
  if (
    attempt.userId !== null &&
    attempt.credential !== undefined &&
    attempt.credential.disabledAt === null &&
    shouldDisablePassword(start.failures, attempt.lockout)
  ) {
    await deps.credentials.disable(attempt.tenantId, attempt.userId, now);
    await recordAudit(
      deps,
      { tenantId: attempt.tenantId, type: 'password.disabled', outcome: 'success', actor: null, subjectId: attempt.userId, reason: 'too_many_failures' },
      context,
    );
    // The guesses may come through a stolen session (current-password checks): end every session so
    // that whoever holds one cannot stay in while the owner is locked out.
    const revoked = await deps.sessions.revokeAllForUser(attempt.tenantId, attempt.userId);
    await recordAudit(
      deps,
      { tenantId: attempt.tenantId, type: 'sessions.revoke', outcome: 'success', actor: null, subjectId: attempt.userId, reason: `password_disabled count=${revoked}` },
      context,
    );
  }
  return false;
}
