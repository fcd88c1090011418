import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../../http-deps.js';
import { classifyError } from '../../plugins/classify-error.js';
import {
  apiErrorBody,
  internalError,
  MALFORMED_BODY,
  PAYLOAD_TOO_LARGE,
  ROUTE_NOT_FOUND,
  toVrniWire,
  UNSUPPORTED_MEDIA_TYPE,
  type VrniWire,
} from './errors.js';
import { authTokenRoutes } from './routes/auth-token.js';
import { usersPasswordRoutes } from './routes/users-password.js';

function sendApiError(reply: FastifyReply, wire: VrniWire) {
  return reply.code(wire.status).headers(wire.headers ?? {}).type('application/json').send(apiErrorBody(wire));
}

/** Maps anything thrown inside the vRNI routes to an ApiError; internals are logged, never sent. */
export function sendVrniError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(error);
  switch (classified.kind) {
    case 'domain':
      return sendApiError(reply, toVrniWire(classified.detail));
    case 'malformed_body':
      return sendApiError(reply, MALFORMED_BODY);
    case 'payload_too_large':
      return sendApiError(reply, PAYLOAD_TOO_LARGE);
    case 'unsupported_media_type':
      return sendApiError(reply, UNSUPPORTED_MEDIA_TYPE);
    case 'internal':
      request.log.error({ err: classified.error }, 'unexpected error');
      return sendApiError(reply, internalError(request.id));
  }
}

/** VMware vRealize Network Insight wire format (see docs/dialects.md, section A). */
export const vrniDialect: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  // JSON only (Fastify's default text/plain parser would otherwise let bodies through). Generated
  // clients send `Content-Type: application/json` even on DELETE without a body: there, an empty
  // body means no body rather than malformed JSON.
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (request.method === 'DELETE' && text === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.setErrorHandler((error, request, reply) => sendVrniError(error, request, reply));
  app.setNotFoundHandler((_request, reply) => sendApiError(reply, ROUTE_NOT_FOUND));
  await app.register(authTokenRoutes, { deps });
  await app.register(usersPasswordRoutes, { deps });
};
