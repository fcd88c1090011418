import type { FastifyRequest } from 'fastify';
import type { UserActor } from '../../../../core/authorization/actor.js';
import type { Ports } from '../../../../core/ports/index.js';
import { DEFAULT_TENANT_ID } from '../../../../core/tenants/tenant.js';
import { authenticate } from '../../../../core/use-cases/authenticate.js';

/**
 * `Authorization: NetworkInsight <token>`: exactly that prefix, one space, then the token and nothing
 * else [doc][client]. Any other form (Bearer, lower case, two spaces, trailing text) counts as no token.
 */
const NETWORK_INSIGHT = /^NetworkInsight ([A-Za-z0-9._~+/-]+=*)$/;

export function networkInsightToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  return NETWORK_INSIGHT.exec(header)?.[1] ?? null;
}

/**
 * The caller behind the NetworkInsight token; change-only sessions (temporary password) included.
 * vRNI serves the default tenant only, so a session of any other tenant is refused exactly like an
 * unknown token: the answer must not tell that the token is live elsewhere.
 */
export function vrniActor(ports: Ports, request: FastifyRequest): Promise<UserActor> {
  return authenticate(ports, networkInsightToken(request), DEFAULT_TENANT_ID);
}

/** vRNI names local users `name@local` [doc]; that, or a bare `name`, is passwarden user `name` [ours]. */
export function localUsername(username: string): string {
  return username.replace(/@local$/i, '');
}
