export const AUDIT_EVENT_TYPES = [
  'login',
  'logout',
  'password.change',
  'password.admin_set',
  'password.disabled',
  'password.expire',
  'account.lockout',
  'account.unlock',
  'sessions.revoke',
  'user.create',
  'user.update',
  'user.delete',
  'tenant.create',
  'tenant.update',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/**
 * One append-only record. Never holds a password, hash, token or session id: `reason` is a code,
 * actors and subjects are user ids.
 */
export interface AuditEvent {
  id: string;
  at: Date;
  tenantId: string;
  type: AuditEventType;
  outcome: 'success' | 'failure';
  /** Who acted: a user id, or null for an anonymous caller or the operator (see actorKind). */
  actorId: string | null;
  actorKind: 'user' | 'anonymous' | 'operator';
  /** Whom it concerned: a user id, or null (e.g. a log-in for a username that does not exist). */
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** Which wire format carried the request: 'native', 'vrni', 'onezone', 'ua', 'kii', 'cli'. */
  dialect: string | null;
  /** Machine-readable reason for a failure or detail of a success, e.g. 'wrong_password', 'temporary'. */
  reason: string | null;
}

/** Where a request came from, carried into audit events. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  dialect: string;
}

export const OPERATOR_CONTEXT: RequestContext = Object.freeze({ ip: null, userAgent: null, requestId: null, dialect: 'cli' });
