import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEFAULT_TENANT_ID } from '../../../../../core/tenants/tenant.js';
import { signIn } from '../../../../../core/use-cases/sign-in.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requestContext } from '../../../plugins/request-context.js';
import { sessionCookie } from '../cookie.js';
import { sessionInfoRead } from '../present.js';
import { failures, LoginRequest, SuccessEnvelope } from '../schemas.js';

export const loginRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.post('/Login/executeLogin', {
    schema: {
      operationId: 'uaExecuteLogin', tags: ['unified-assurance'], summary: 'Log in (Unified Assurance): sets a session cookie',
      description: 'Unknown user, wrong password and a locked account all answer 401 with the same body.',
      body: LoginRequest, response: { 200: SuccessEnvelope, ...failures(400, 401, 413, 415, 429, 503) },
    },
  }, async (request, reply) => {
    const result = await signIn(
      ports,
      { tenantId: DEFAULT_TENANT_ID, username: request.body.Username, password: request.body.Password },
      requestContext(request, 'ua'),
    );
    const issuedAt = result.session.createdAt;
    return reply
      .header('set-cookie', sessionCookie(result.token, result.session.expiresAt, issuedAt, deps.publicUrl))
      .send({ success: true as const, message: 'Logged in.', data: [sessionInfoRead(result.user, result.passwordChangeRequired, issuedAt)] });
  });
};
