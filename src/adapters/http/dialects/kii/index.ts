import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../../http-deps.js';
import { classifyError } from '../../plugins/classify-error.js';
import { KII_BODY_TYPES, sendKiiJson, WrongContentType } from './content-type.js';
import { errorContext } from './error-context.js';
import {
  contentTypeOf,
  internalError,
  MALFORMED_BODY,
  PAYLOAD_TOO_LARGE,
  ROUTE_NOT_FOUND,
  toKiiWire,
  UNSUPPORTED_MEDIA_TYPE,
  type KiiWire,
} from './errors.js';
import { changePasswordRoutes } from './routes/change-password.js';
import { registerRoutes } from './routes/register.js';
import { tokenRoutes } from './routes/token.js';

function sendKiiError(reply: FastifyReply, wire: KiiWire) {
  return sendKiiJson(reply.code(wire.status).headers(wire.headers ?? {}), contentTypeOf(wire), wire.body);
}

/** Maps anything thrown inside the Kii routes to a Kii error; internals are logged, never sent. */
export function sendKiiErrorFor(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof WrongContentType) return sendKiiError(reply, UNSUPPORTED_MEDIA_TYPE);
  const classified = classifyError(error);
  switch (classified.kind) {
    case 'domain':
      return sendKiiError(reply, toKiiWire(classified.detail, errorContext(request)));
    case 'malformed_body':
      return sendKiiError(reply, MALFORMED_BODY);
    case 'payload_too_large':
      return sendKiiError(reply, PAYLOAD_TOO_LARGE);
    case 'unsupported_media_type':
      return sendKiiError(reply, UNSUPPORTED_MEDIA_TYPE);
    case 'internal':
      request.log.error({ err: classified.error }, 'unexpected error');
      return sendKiiError(reply, internalError(request.id));
  }
}

/**
 * Kii Cloud wire format (docs/dialects.md, section D), registered under `/api`: `/api/oauth2/token`
 * and `/api/apps/{appID}/…`. The other dialects' longer prefixes (/api/ni, /api/v3/onezone, /api/core)
 * keep their own routes and not-found answers; everything else under /api answers in Kii's shape.
 */
export const kiiDialect: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  // JSON and Kii's vendor JSON types only; each route narrows further.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(KII_BODY_TYPES, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.setErrorHandler((error, request, reply) => sendKiiErrorFor(error, request, reply));
  app.setNotFoundHandler((_request, reply) => sendKiiError(reply, ROUTE_NOT_FOUND));
  await app.register(registerRoutes, { deps });
  await app.register(tokenRoutes, { deps });
  await app.register(changePasswordRoutes, { deps });
};
