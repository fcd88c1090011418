import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { UserActor } from '../../../../core/authorization/actor.js';
import { invalidCredentials, unauthenticated } from '../../../../core/errors.js';
import type { Ports } from '../../../../core/ports/index.js';
import { authenticate } from '../../../../core/use-cases/authenticate.js';
import { verifyCredentials } from '../../../../core/use-cases/verify-credentials.js';
import { requestContext } from '../../plugins/request-context.js';

/** What the request carries, by the product's precedence [doc]. */
export type PresentedCredentials =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | { kind: 'basic'; username: string; password: string }
  /** `Authorization: Basic` whose payload is not base64 of UTF-8 `user:password`. */
  | { kind: 'malformed-basic' };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBasic(payload: string): PresentedCredentials {
  if (!BASE64.test(payload) || payload.length % 4 !== 0) return { kind: 'malformed-basic' };
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(payload, 'base64'));
  } catch {
    return { kind: 'malformed-basic' };
  }
  // Split on the FIRST colon: passwords may contain ':' (RFC 7617), usernames may not.
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'malformed-basic' };
  return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * `x-auth-token`, then `Authorization: Bearer ` (case-sensitive, as the product matches it), then
 * `macaroon`, then `Authorization: Basic ` [doc]. A token header present — even empty — means Basic is
 * not tried. Any other Authorization value is no credentials at all.
 */
export function presentedCredentials(headers: IncomingHttpHeaders): PresentedCredentials {
  const xAuthToken = headers['x-auth-token'];
  if (typeof xAuthToken === 'string') return { kind: 'token', token: xAuthToken };
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    return { kind: 'token', token: authorization.slice('Bearer '.length) };
  }
  const macaroon = headers.macaroon;
  if (typeof macaroon === 'string') return { kind: 'token', token: macaroon };
  if (typeof authorization === 'string' && authorization.startsWith('Basic ')) {
    return decodeBasic(authorization.slice('Basic '.length).trim());
  }
  return { kind: 'none' };
}

/**
 * The caller, or null when the request carries no credentials. Presented credentials that fail throw
 * at once (Unauthenticated, InvalidCredentials, RateLimited), before the body is read [doc order].
 * Tokens are passwarden session tokens of this dialect's tenant; Basic verifies the password without
 * creating a session, counted toward lockout like a log-in.
 */
export async function resolveCaller(ports: Ports, tenantId: string, request: FastifyRequest): Promise<UserActor | null> {
  const presented = presentedCredentials(request.headers);
  switch (presented.kind) {
    case 'none':
      return null;
    case 'malformed-basic':
      throw invalidCredentials();
    case 'basic':
      return verifyCredentials(ports, { tenantId, username: presented.username, password: presented.password }, requestContext(request, 'onezone'));
    case 'token': {
      // An empty token was still presented: it is a bad token, not a missing one.
      if (presented.token === '') throw unauthenticated('unknown');
      return authenticate(ports, presented.token, tenantId);
    }
  }
}
