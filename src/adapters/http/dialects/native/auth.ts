import type { FastifyRequest } from 'fastify';
import type { UserActor } from '../../../../core/authorization/actor.js';
import { requireFullSession } from '../../../../core/authorization/authorize.js';
import type { Ports } from '../../../../core/ports/index.js';
import { authenticate } from '../../../../core/use-cases/authenticate.js';

/** `Authorization: Bearer <token>` (scheme case-insensitive per RFC 9110), or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^bearer +([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** The caller, from a session that may only change its password. */
export function changeOnlyActor(ports: Ports, request: FastifyRequest): Promise<UserActor> {
  return authenticate(ports, bearerToken(request));
}

/** The caller, refusing sessions that must first change a temporary password. */
export async function fullActor(ports: Ports, request: FastifyRequest): Promise<UserActor> {
  const actor = await authenticate(ports, bearerToken(request));
  requireFullSession(actor);
  return actor;
}
