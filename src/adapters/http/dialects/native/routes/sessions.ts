import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signIn } from '../../../../../core/use-cases/sign-in.js';
import { signOut } from '../../../../../core/use-cases/sign-out.js';
import { getCurrentUser } from '../../../../../core/use-cases/get-user.js';
import { DEFAULT_TENANT_ID } from '../../../../../core/tenants/tenant.js';
import { requestContext } from '../../../plugins/request-context.js';
import type { HttpDeps } from '../../../http-deps.js';
import { changeOnlyActor } from '../auth.js';
import { presentUser } from '../present.js';
import { SessionCreated, SignInBody, User } from '../schemas.js';
import { errorResponses } from './responses.js';

export const sessionRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.post('/sessions', {
    schema: {
      operationId: 'signIn', tags: ['native'], summary: 'Log in with a username and password',
      body: SignInBody, response: { 201: SessionCreated, ...errorResponses(401, 422, 429, 503) },
    },
  }, async (request, reply) => {
    const result = await signIn(
      ports,
      { tenantId: request.body.tenant ?? DEFAULT_TENANT_ID, username: request.body.username, password: request.body.password },
      requestContext(request, 'native'),
    );
    return reply.code(201).send({
      token: result.token,
      expiresAt: result.session.expiresAt.toISOString(),
      passwordChangeRequired: result.passwordChangeRequired,
      user: presentUser(result.user),
    });
  });

  app.delete('/sessions/current', {
    schema: { operationId: 'signOut', tags: ['native'], summary: 'Log out (end this session)', security: [{ bearer: [] }], response: { 204: { type: 'null' }, ...errorResponses(401) } },
  }, async (request, reply) => {
    const actor = await changeOnlyActor(ports, request);
    await signOut(ports, actor, requestContext(request, 'native'));
    return reply.code(204).send(null);
  });

  app.get('/me', {
    schema: { operationId: 'getCurrentUser', tags: ['native'], summary: 'The signed-in user', security: [{ bearer: [] }], response: { 200: User, ...errorResponses(401) } },
  }, async (request) => {
    const actor = await changeOnlyActor(ports, request);
    return presentUser(await getCurrentUser(ports, actor));
  });
};
