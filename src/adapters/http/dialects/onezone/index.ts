import { errorCodes, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { DEFAULT_TENANT_ID } from '../../../../core/tenants/tenant.js';
import type { HttpDeps } from '../../http-deps.js';
import { classifyError } from '../../plugins/classify-error.js';
import {
  errorBody,
  internalError,
  MALFORMED_DATA,
  PAYLOAD_TOO_LARGE,
  ROUTE_NOT_FOUND,
  toOnezoneWire,
  UNSUPPORTED_MEDIA_TYPE,
  type OnezoneWire,
} from './errors.js';
import { userPasswordRoutes } from './routes/user-password.js';

function replyWith(reply: FastifyReply, wire: OnezoneWire) {
  reply.code(wire.status).headers(wire.headers ?? {});
  const body = errorBody(wire);
  return body === undefined ? reply.send() : reply.type('application/json').send(body);
}

/** Maps anything thrown inside the Onezone routes to its error object; internals are logged, never sent. */
export function sendOnezoneError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(error);
  switch (classified.kind) {
    case 'domain':
      return replyWith(reply, toOnezoneWire(classified.detail));
    case 'malformed_body':
      return replyWith(reply, MALFORMED_DATA);
    case 'payload_too_large':
      return replyWith(reply, PAYLOAD_TOO_LARGE);
    case 'unsupported_media_type':
      return replyWith(reply, UNSUPPORTED_MEDIA_TYPE);
    case 'internal':
      request.log.error({ err: classified.error }, 'unexpected error');
      return replyWith(reply, internalError(request.id));
  }
}

/** Onedata Onezone wire format (see docs/dialects.md, section B). Acts on one tenant, `default` unless mounted otherwise. */
export const onezoneDialect: FastifyPluginAsync<{ deps: HttpDeps; tenantId?: string }> = async (app, { deps, tenantId }) => {
  // JSON only. Any other content type is refused when a body comes with it [doc]; with no body at
  // all, there is nothing to refuse and the route answers that the data is missing.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type'] ?? ''), undefined);
  });
  app.setErrorHandler((error, request, reply) => sendOnezoneError(error, request, reply));
  app.setNotFoundHandler((_request, reply) => replyWith(reply, ROUTE_NOT_FOUND));
  await app.register(userPasswordRoutes, { deps, tenantId: tenantId ?? DEFAULT_TENANT_ID });
};
