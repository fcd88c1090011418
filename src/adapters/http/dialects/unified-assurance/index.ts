import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../../http-deps.js';
import { classifyError } from '../../plugins/classify-error.js';
import {
  failureBody,
  internalError,
  MALFORMED_BODY,
  PAYLOAD_TOO_LARGE,
  ROUTE_NOT_FOUND,
  toUaWire,
  UNSUPPORTED_MEDIA_TYPE,
  type UaWire,
} from './errors.js';
import { changePasswordRoutes } from './routes/change-password.js';
import { loginRoutes } from './routes/login.js';

function sendFailure(reply: FastifyReply, wire: UaWire) {
  return reply.code(wire.status).headers(wire.headers ?? {}).type('application/json').send(failureBody(wire));
}

/** Maps anything thrown inside the Unified Assurance routes to the failure envelope; internals are logged only. */
export function sendUaError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(error);
  switch (classified.kind) {
    case 'domain':
      return sendFailure(reply, toUaWire(classified.detail));
    case 'malformed_body':
      return sendFailure(reply, MALFORMED_BODY);
    case 'payload_too_large':
      return sendFailure(reply, PAYLOAD_TOO_LARGE);
    case 'unsupported_media_type':
      return sendFailure(reply, UNSUPPORTED_MEDIA_TYPE);
    case 'internal':
      request.log.error({ err: classified.error }, 'unexpected error');
      return sendFailure(reply, internalError(request.id));
  }
}

/** Oracle Communications Unified Assurance wire format (see docs/dialects.md, section C). */
export const unifiedAssuranceDialect: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  // JSON only: Fastify's default text/plain parser would otherwise let bodies through.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.setErrorHandler((error, request, reply) => sendUaError(error, request, reply));
  app.setNotFoundHandler((_request, reply) => sendFailure(reply, ROUTE_NOT_FOUND));
  await app.register(loginRoutes, { deps });
  await app.register(changePasswordRoutes, { deps });
};
