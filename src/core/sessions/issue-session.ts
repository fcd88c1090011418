import type { Clock } from '../ports/clock.js';
import type { SecretTokens } from '../ports/secret-tokens.js';
import type { ServiceSettings } from '../ports/index.js';
import type { Session } from './session.js';

export interface IssuedSession {
  /** The bearer token: returned to the client once, never stored. */
  token: string;
  session: Session;
}

/** Mints a token and the session record stored under its digest (not yet persisted). */
export function issueSession(
  deps: { tokens: SecretTokens; clock: Clock; settings: ServiceSettings },
  facts: {
    tenantId: string;
    userId: string;
    authenticatedAt: Date;
    passwordChangeOnly: boolean;
    origin: string;
    /** Shorter than the deployment's lifetime when a wire format documents its own; never longer. */
    ttlSeconds?: number | undefined;
  },
): IssuedSession {
  const token = deps.tokens.newToken();
  const now = deps.clock.now();
  const ttlSeconds = Math.min(facts.ttlSeconds ?? Infinity, deps.settings.session.ttlSeconds);
  return {
    token,
    session: {
      id: deps.tokens.digest(token),
      tenantId: facts.tenantId,
      userId: facts.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      lastSeenAt: now,
      authenticatedAt: facts.authenticatedAt,
      passwordChangeOnly: facts.passwordChangeOnly,
      origin: facts.origin,
    },
  };
}
