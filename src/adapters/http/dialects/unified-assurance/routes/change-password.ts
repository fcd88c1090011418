import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestInvalid } from '../../../../../core/errors.js';
import { DEFAULT_TENANT_ID } from '../../../../../core/tenants/tenant.js';
import { changePasswordWithCredentials } from '../../../../../core/use-cases/change-password-with-credentials.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requestContext } from '../../../plugins/request-context.js';
import { sessionCookie } from '../cookie.js';
import { sessionInfoRead } from '../present.js';
import { ChangePasswordRequest, failures, SuccessEnvelope } from '../schemas.js';

export const changePasswordRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.post('/ChangePassword/executeChangePassword', {
    schema: {
      operationId: 'uaExecuteChangePassword', tags: ['unified-assurance'], summary: 'Change a password by username and old password (Unified Assurance)',
      description:
        'Needs no session (serves the expired-password flow); a cookie or Authorization header is ignored. ' +
        'On success every session of the user is revoked and a fresh session cookie is set. ' +
        'Unknown user, wrong old password and a locked account all answer 401 with the same body.',
      body: ChangePasswordRequest, response: { 200: SuccessEnvelope, ...failures(400, 401, 403, 413, 415, 429, 503) },
    },
  }, async (request, reply) => {
    const { Username, OldPassword, NewPassword, RepeatNewPassword } = request.body;
    // The repeat is a wire-format field only: checked here, before any work, and keyed by its name.
    if (NewPassword !== RepeatNewPassword) {
      throw requestInvalid([{ pointer: '/RepeatNewPassword', problem: 'format', detail: 'does not match NewPassword' }]);
    }
    const result = await changePasswordWithCredentials(
      ports,
      { tenantId: DEFAULT_TENANT_ID, username: Username, currentPassword: OldPassword, newPassword: NewPassword },
      requestContext(request, 'ua'),
    );
    const issuedAt = result.session.createdAt;
    return reply
      .header('set-cookie', sessionCookie(result.token, result.session.expiresAt, issuedAt, deps.publicUrl))
      .send({ success: true as const, message: 'Password changed.', data: [sessionInfoRead(result.user, false, issuedAt)] });
  });
};
