import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../../../../../core/errors.js';
import { findKiiApplication } from '../../../../../core/use-cases/find-kii-application.js';
import { registerUser } from '../../../../../core/use-cases/register-user.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requestContext } from '../../../plugins/request-context.js';
import { appCredentials } from '../auth.js';
import { JSON_TYPE, REGISTRATION_REQUEST, requireContentType, sendKiiJson } from '../content-type.js';
import { errorContext } from '../error-context.js';
import { AppIdParams, kiiErrors, RegistrationRequest, RegistrationResponse } from '../schemas.js';

export const registerRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.post('/apps/:appID/users', {
    preValidation: requireContentType(REGISTRATION_REQUEST, JSON_TYPE),
    schema: {
      operationId: 'kiiRegisterUser', tags: ['kii'], summary: 'Register a user (Kii)',
      description: 'The app is proved by "Authorization: Basic base64(appID:appKey)" or x-kii-appid + x-kii-appkey. The password must meet the tenant policy.',
      params: AppIdParams, body: RegistrationRequest,
      response: { 201: RegistrationResponse, ...kiiErrors(400, 404, 409, 413, 415, 429, 503) },
    },
  }, async (request, reply) => {
    const context = errorContext(request);
    context.passwordField = 'password';
    // The core names registration fields as its own users have them.
    context.fieldNames = { '/username': 'loginName', '/email': 'emailAddress' };
    const { appID } = request.params;
    const credentials = appCredentials(request);
    if (credentials.appId !== appID) throw notFound('tenant');
    const tenant = await findKiiApplication(ports, appID, credentials.appKey);
    const { body } = request;
    const user = await registerUser(
      ports,
      { tenantId: tenant.id, username: body.loginName, password: body.password, email: body.emailAddress, displayName: body.displayName },
      requestContext(request, 'kii'),
    );
    return sendKiiJson(
      reply.code(201).header('location', `/api/apps/${encodeURIComponent(appID)}/users/${encodeURIComponent(user.id)}`),
      'application/vnd.kii.RegistrationResponse+json',
      {
        userID: user.id,
        loginName: user.username,
        ...(user.email === null ? {} : { emailAddress: user.email, emailAddressVerified: false }),
        ...(user.displayName === null ? {} : { displayName: user.displayName }),
        _hasPassword: true,
        _disabled: false,
        createdAt: user.createdAt.getTime(),
      },
    );
  });
};
