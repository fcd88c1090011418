import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { HttpDeps } from './http-deps.js';
import { BODY_LIMIT_BYTES, MAX_PARAM_LENGTH } from './http-deps.js';
import { kiiDialect } from './dialects/kii/index.js';
import { nativeDialect, sendNativeNotFound, sendNativeProblem, sendNativeRouterError } from './dialects/native/index.js';
import { onezoneDialect } from './dialects/onezone/index.js';
import { unifiedAssuranceDialect } from './dialects/unified-assurance/index.js';
import { vrniDialect } from './dialects/vrni/index.js';
import { openApi } from './plugins/openapi.js';
import { generateRequestId } from './plugins/request-context.js';
import { HOOKLESS_REPLY_HEADERS, securityHeaders } from './plugins/security-headers.js';
import { serviceRoutes } from './plugins/service-routes.js';
import { validatorCompiler } from './validation/validator-compiler.js';

export const SERVICE_VERSION = '0.1.0';

/** Builds the HTTP app with every dialect; never listens (tests inject, `serve` listens). */
export async function buildApp(deps: HttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: generateRequestId,
    trustProxy: deps.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Routes are matched on the path only; query strings never change routing.
    routerOptions: { ignoreTrailingSlash: false, ignoreDuplicateSlashes: false, maxParamLength: MAX_PARAM_LENGTH },
    // Router errors reach no hook and no error handler: without this, Fastify answers in its own shape.
    frameworkErrors: (error, request, reply) => {
      reply.headers({ ...HOOKLESS_REPLY_HEADERS, 'x-request-id': request.id });
      return sendNativeRouterError(deps, error, request, reply);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Anything outside every dialect's prefix (a service route failing, an unknown path) gets the native shape.
  app.setErrorHandler((error, request, reply) => sendNativeProblem(deps, error, request, reply));
  app.setNotFoundHandler((request, reply) => sendNativeNotFound(deps, request, reply));

  await app.register(securityHeaders);
  await app.register(openApi, { publicUrl: deps.publicUrl, version: SERVICE_VERSION });
  await app.register(serviceRoutes, { ready: deps.ready });
  await app.register(nativeDialect, { deps, prefix: '/v1' });
  await app.register(vrniDialect, { deps, prefix: '/api/ni' });
  await app.register(onezoneDialect, { deps, prefix: '/api/v3/onezone' });
  await app.register(unifiedAssuranceDialect, { deps, prefix: '/api/core' });
  await app.register(kiiDialect, { deps, prefix: '/api' });
  return app;
}
