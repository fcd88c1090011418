import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requestInvalid } from '../../../../core/errors.js';
import { BODY_LIMIT_BYTES, MAX_PARAM_LENGTH, type HttpDeps } from '../../http-deps.js';
import { classifyError } from '../../plugins/classify-error.js';
import { problemBody, toNativeWire, type NativeWire } from './errors.js';
import { auditRoutes } from './routes/audit-events.js';
import { passwordRoutes } from './routes/passwords.js';
import { sessionRoutes } from './routes/sessions.js';
import { tenantRoutes } from './routes/tenants.js';
import { userImportRoutes } from './routes/user-import.js';
import { userRoutes } from './routes/users.js';

/** Maps anything thrown inside the native API to an RFC 9457 problem. */
export function sendNativeProblem(deps: HttpDeps, error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const classified = classifyError(error);
  let wire: NativeWire;
  switch (classified.kind) {
    case 'domain':
      wire = toNativeWire(classified.detail);
      break;
    case 'malformed_body':
      wire = toNativeWire(requestInvalid([{ pointer: '', problem: 'malformed', detail: 'the body is not valid JSON' }]).detail);
      break;
    case 'payload_too_large': {
      // 16 KiB everywhere but the admin bulk import, which takes 1 MiB.
      const limit = request.routeOptions.bodyLimit ?? BODY_LIMIT_BYTES;
      wire = { status: 413, code: 'payload_too_large', detail: `The request body exceeds ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MiB` : `${limit / 1024} KiB`}.` };
      break;
    }
    case 'unsupported_media_type':
      wire = { status: 415, code: 'unsupported_media_type', detail: 'Send the body as application/json.' };
      break;
    case 'internal':
      request.log.error({ err: classified.error }, 'unexpected error');
      wire = { status: 500, code: 'internal', detail: 'An unexpected error occurred.' };
      break;
  }
  return sendWire(deps, wire, request, reply);
}

function sendWire(deps: HttpDeps, wire: NativeWire, request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(wire.status)
    .headers(wire.headers ?? {})
    .type('application/problem+json')
    .send(problemBody(deps.publicUrl, wire, request.id));
}

/**
 * Errors the router raises before any route, and so any dialect, is chosen: a path that is not valid
 * percent-encoded UTF-8, or a segment over MAX_PARAM_LENGTH. Their messages quote the path, so only
 * our own sentence is sent. Anything else the router reports is an internal failure.
 */
export function sendNativeRouterError(deps: HttpDeps, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return sendWire(deps, { status: 400, code: 'bad_request', detail: 'The request path is not valid percent-encoded UTF-8.' }, request, reply);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendWire(deps, { status: 414, code: 'uri_too_long', detail: `A path segment is longer than ${MAX_PARAM_LENGTH} characters.` }, request, reply);
    default:
      return sendNativeProblem(deps, error, request, reply);
  }
}

/** 404 for a route that does not exist. The path is never echoed: it is the caller's text, not ours. */
export function sendNativeNotFound(deps: HttpDeps, request: FastifyRequest, reply: FastifyReply) {
  return sendWire(deps, { status: 404, code: 'not_found', detail: 'No such route.' }, request, reply);
}

/** The native API (v1): an encapsulated plugin owning its parsers, routes and error shape. */
export const nativeDialect: FastifyPluginAsync<{ deps: HttpDeps }> = async (app, { deps }) => {
  // Only JSON is accepted; Fastify's default text/plain parser would otherwise let bodies through.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.setErrorHandler((error, request, reply) => sendNativeProblem(deps, error, request, reply));
  app.setNotFoundHandler((request, reply) => sendNativeNotFound(deps, request, reply));
  await app.register(sessionRoutes, { deps });
  await app.register(passwordRoutes, { deps });
  await app.register(userRoutes, { deps });
  await app.register(userImportRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(tenantRoutes, { deps });
};
