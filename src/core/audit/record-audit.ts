import type { Actor } from '../authorization/actor.js';
import type { Clock } from '../ports/clock.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { SecretTokens } from '../ports/secret-tokens.js';
import type { AuditEvent, AuditEventType, RequestContext } from './audit-event.js';

export type AuditDeps = { audit: AuditLog; clock: Clock; tokens: SecretTokens };

export interface AuditFacts {
  tenantId: string;
  type: AuditEventType;
  outcome: 'success' | 'failure';
  actor: Actor | null;
  subjectId: string | null;
  reason?: string | null;
}

/** One audit event from what a use case knows plus where the request came from. */
export function auditEvent(deps: Pick<AuditDeps, 'clock' | 'tokens'>, facts: AuditFacts, context: RequestContext): AuditEvent {
  return {
    id: deps.tokens.newId(),
    at: deps.clock.now(),
    tenantId: facts.tenantId,
    type: facts.type,
    outcome: facts.outcome,
    actorId: facts.actor?.kind === 'user' ? facts.actor.userId : null,
    actorKind: facts.actor === null ? 'anonymous' : facts.actor.kind,
    subjectId: facts.subjectId,
    ip: context.ip,
    userAgent: context.userAgent,
    requestId: context.requestId,
    dialect: context.dialect,
    reason: facts.reason ?? null,
  };
}

/** Builds and appends one audit event on its own (events that must commit with a change go with it). */
export async function recordAudit(deps: AuditDeps, facts: AuditFacts, context: RequestContext): Promise<void> {
  await deps.audit.append(auditEvent(deps, facts, context));
}
