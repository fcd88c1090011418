import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changeOwnPassword } from '../../../../../core/use-cases/change-own-password.js';
import { checkPassword } from '../../../../../core/use-cases/check-password.js';
import { DEFAULT_TENANT_ID } from '../../../../../core/tenants/tenant.js';
import { requestContext } from '../../../plugins/request-context.js';
import type { HttpDeps } from '../../../http-deps.js';
import { describeViolation } from '../../../violation-messages.js';
import { changeOnlyActor } from '../auth.js';
import { ChangeOwnPasswordBody, PasswordCheckBody, PasswordCheckResult, TokenReplaced } from '../schemas.js';
import { errorResponses } from './responses.js';

export const passwordRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.put('/me/password', {
    schema: {
      operationId: 'changeOwnPassword', tags: ['native'], summary: 'Change your own password (current password required)',
      description: 'Replaces the calling session with the returned one and revokes every other session of the user.',
      security: [{ bearer: [] }], body: ChangeOwnPasswordBody,
      response: { 200: TokenReplaced, ...errorResponses(401, 403, 409, 413, 415, 422, 429, 503) },
    },
  }, async (request) => {
    const actor = await changeOnlyActor(ports, request);
    const replacement = await changeOwnPassword(
      ports,
      actor,
      { proof: { kind: 'current-password', password: request.body.currentPassword }, newPassword: request.body.newPassword, replaceSession: true },
      requestContext(request, 'native'),
    );
    if (!replacement) throw new Error('a native password change always issues a replacement session');
    return { token: replacement.token, expiresAt: replacement.session.expiresAt.toISOString() };
  });

  app.post('/password-checks', {
    schema: {
      operationId: 'checkPassword', tags: ['native'], summary: 'Check a candidate password against a tenant policy (stores nothing)',
      body: PasswordCheckBody, response: { 200: PasswordCheckResult, ...errorResponses(404, 413, 415, 422, 429, 503) },
    },
  }, async (request) => {
    const result = await checkPassword(
      ports,
      { tenantId: request.body.tenant ?? DEFAULT_TENANT_ID, password: request.body.password, username: request.body.username, email: request.body.email },
      requestContext(request, 'native'),
    );
    return {
      acceptable: result.acceptable,
      violations: result.violations.map((violation) => ({ ...violation, message: describeViolation(violation) })),
      strength: result.strength,
    };
  });
};
