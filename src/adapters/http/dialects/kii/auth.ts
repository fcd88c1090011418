import type { FastifyRequest } from 'fastify';
import { requestInvalid } from '../../../../core/errors.js';

/** `Authorization: Bearer <token>`, the scheme in any case (RFC 9110); null when absent or another scheme. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  return /^bearer +([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header)?.[1] ?? null;
}

export interface AppCredentials {
  appId: string;
  appKey: string;
}

/** `Authorization: Basic base64(appID:appKey)` [doc]; null when absent or not Basic. */
function basicCredentials(request: FastifyRequest): AppCredentials | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^basic +([A-Za-z0-9+/]+=*)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { appId: decoded.slice(0, colon), appKey: decoded.slice(colon + 1) };
}

/** `x-kii-appid` + `x-kii-appkey`, as the official SDK sends on every request [client]. */
function headerCredentials(request: FastifyRequest): AppCredentials | null {
  const appId = request.headers['x-kii-appid'];
  const appKey = request.headers['x-kii-appkey'];
  if (typeof appId !== 'string' || typeof appKey !== 'string' || appId === '') return null;
  return { appId, appKey };
}

/**
 * The application the request claims, proved by its key: Basic first, then the x-kii headers. The key
 * itself is checked by the core (findKiiApplication). Without either, the request names no app: a
 * 400 INVALID_INPUT_DATA naming the header.
 */
export function appCredentials(request: FastifyRequest): AppCredentials {
  const credentials = basicCredentials(request) ?? headerCredentials(request);
  if (!credentials) {
    throw requestInvalid([{ pointer: '/headers/x-kii-appkey', problem: 'missing', detail: 'is required (or Authorization: Basic base64(appID:appKey))' }]);
  }
  return credentials;
}
