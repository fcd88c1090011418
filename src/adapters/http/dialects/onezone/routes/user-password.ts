import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { UserActor } from '../../../../../core/authorization/actor.js';
import { unauthenticated } from '../../../../../core/errors.js';
import { changeOwnPassword } from '../../../../../core/use-cases/change-own-password.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requestContext } from '../../../plugins/request-context.js';
import { resolveCaller } from '../auth.js';
import { readChangePasswordBody, requireJsonObject } from '../change-password-body.js';
import { onezoneErrors, UserPasswordUpdateRequest } from '../schemas.js';

export interface UserPasswordOptions {
  deps: HttpDeps;
  tenantId: string;
}

export const userPasswordRoutes: FastifyPluginAsync<UserPasswordOptions> = async (app, { deps, tenantId }) => {
  const { ports } = deps;
  // The caller found before the body was read; null when the request carried no credentials.
  const callers = new WeakMap<FastifyRequest, UserActor | null>();

  app.patch('/user/password', {
    schema: {
      operationId: 'onezoneChangeUserPassword', tags: ['onezone'], summary: "Change the calling user's password (Onezone)",
      description:
        'Authenticate with x-auth-token, "Authorization: Bearer", macaroon (passwarden session tokens) or HTTP Basic. ' +
        'oldPassword is the current password, or null for a user who never had one. Every session of the user is revoked.',
      security: [{ bearer: [] }],
      body: UserPasswordUpdateRequest,
      response: {
        204: { type: 'null', description: 'User password changed successfully.' },
        415: { type: 'null', description: 'The body is not application/json (empty response body).' },
        ...onezoneErrors(400, 401, 413, 503),
      },
    },
    // The schema documents; the handler checks, so errors keep the product's shape and order.
    validatorCompiler: () => () => true,
    serializerCompiler: () => (data) => JSON.stringify(data),
    // Presented credentials are checked before the content type and the body [doc order].
    onRequest: async (request) => {
      callers.set(request, await resolveCaller(ports, tenantId, request));
    },
  }, async (request, reply) => {
    const body = requireJsonObject(request.body);
    const caller = callers.get(request);
    if (!caller) throw unauthenticated('missing');
    const { oldPassword, newPassword } = readChangePasswordBody(body);
    await changeOwnPassword(
      ports,
      caller,
      // Basic credentials authenticated the request; the old password is checked again here, as the product does.
      { proof: { kind: 'current-password', password: oldPassword }, newPassword: newPassword ?? '', replaceSession: false },
      requestContext(request, 'onezone'),
    );
    return reply.code(204).send();
  });
};
