import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireAdmin } from '../../../../../core/authorization/authorize.js';
import { adminSetPassword } from '../../../../../core/use-cases/admin-set-password.js';
import { changeOwnPassword } from '../../../../../core/use-cases/change-own-password.js';
import { getUserByUsername } from '../../../../../core/use-cases/get-user-by-username.js';
import { getCurrentUser } from '../../../../../core/use-cases/get-user.js';
import { usernameKey } from '../../../../../core/users/user.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requestContext } from '../../../plugins/request-context.js';
import { localUsername, vrniActor } from '../auth.js';
import { apiErrors, Empty, UserUpdateRequest } from '../schemas.js';

export const usersPasswordRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.put('/settings/users/password', {
    schema: {
      operationId: 'vrniUpdateUserPassword', tags: ['vrni'], summary: 'Change a local user\'s password (vRNI)',
      description:
        'Send "Authorization: NetworkInsight <token>". Your own password: the token must come from a log-in within the ' +
        "tenant's re-authentication window (default 5 minutes), since no current password is sent; afterwards every token " +
        "of yours is revoked, this one included. Another user's: administrators only; the password is temporary by default.",
      body: UserUpdateRequest, response: { 200: Empty, ...apiErrors(400, 401, 403, 404, 413, 415, 503) },
    },
  }, async (request, reply) => {
    const actor = await vrniActor(ports, request);
    const context = requestContext(request, 'vrni');
    const named = localUsername(request.body.username);
    const self = await getCurrentUser(ports, actor);
    if (usernameKey(named) === self.usernameKey) {
      await changeOwnPassword(ports, actor, { proof: { kind: 'recent-login' }, newPassword: request.body.new_password, replaceSession: false }, context);
    } else {
      // Refuse non-administrators before looking the name up, so they cannot learn which users exist.
      requireAdmin(actor, actor.tenantId);
      const target = await getUserByUsername(ports, actor, actor.tenantId, named);
      await adminSetPassword(ports, actor, { tenantId: actor.tenantId, userId: target.id, newPassword: request.body.new_password }, context);
    }
    // The product answers 200 with an empty body.
    return reply.code(200).send(undefined);
  });
};
