import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { notFound, requestInvalid } from '../../../../../core/errors.js';
import { authenticateKiiClient } from '../../../../../core/use-cases/authenticate-kii-client.js';
import { findKiiApplication } from '../../../../../core/use-cases/find-kii-application.js';
import { signIn } from '../../../../../core/use-cases/sign-in.js';
import type { IssuedSession } from '../../../../../core/sessions/issue-session.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requestContext } from '../../../plugins/request-context.js';
import { appCredentials } from '../auth.js';
import { JSON_TYPE, requireContentType } from '../content-type.js';
import { AppIdParams, kiiErrors, TokenRequest, TokenResponse } from '../schemas.js';

type TokenBody = Static<typeof TokenRequest>;

const missing = (...fields: string[]) => requestInvalid(fields.map((field) => ({ pointer: `/${field}`, problem: 'missing' as const, detail: 'is required' })));

function respond(issued: IssuedSession, id: string) {
  const { session } = issued;
  return {
    id,
    access_token: issued.token,
    expires_in: Math.round((session.expiresAt.getTime() - session.createdAt.getTime()) / 1000),
    token_type: 'Bearer' as const,
  };
}

const description =
  'Log in: {"username","password"} (grant_type password, the default) or, for an app admin token, {"client_id","client_secret"} ' +
  '(grant_type client_credentials). A failed log-in is 400 invalid_grant. expiresAt (epoch ms) may shorten the token\'s life.';

export const tokenRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  async function issueToken(request: FastifyRequest, appId: string, appKey: string, body: TokenBody) {
    const tenant = await findKiiApplication(ports, appId, appKey);
    const now = ports.clock.now().getTime();
    if (body.expiresAt !== undefined && body.expiresAt <= now) {
      throw requestInvalid([{ pointer: '/expiresAt', problem: 'format', detail: 'must be in the future' }]);
    }
    const sessionTtlSeconds = body.expiresAt === undefined ? undefined : Math.max(1, Math.floor((body.expiresAt - now) / 1000));
    const grant = body.grant_type ?? (body.client_id !== undefined || body.client_secret !== undefined ? 'client_credentials' : 'password');
    const context = requestContext(request, 'kii');
    if (grant === 'password') {
      if (body.username === undefined || body.password === undefined) throw missing(...(['username', 'password'] as const).filter((f) => body[f] === undefined));
      const result = await signIn(ports, { tenantId: tenant.id, username: body.username, password: body.password, sessionTtlSeconds }, context);
      return respond(result, result.user.id);
    }
    if (grant === 'client_credentials') {
      if (body.client_id === undefined || body.client_secret === undefined) throw missing(...(['client_id', 'client_secret'] as const).filter((f) => body[f] === undefined));
      const result = await authenticateKiiClient(ports, { appId: tenant.kii.appId, clientId: body.client_id, clientSecret: body.client_secret, sessionTtlSeconds }, context);
      return respond(result, result.userId);
    }
    throw requestInvalid([{ pointer: '/grant_type', problem: 'format', detail: 'must be password or client_credentials' }]);
  }

  app.post('/oauth2/token', {
    preValidation: requireContentType(JSON_TYPE),
    schema: {
      operationId: 'kiiCreateToken', tags: ['kii'], summary: 'Log in (Kii SDK form): app from x-kii-appid / x-kii-appkey',
      description, body: TokenRequest, response: { 200: TokenResponse, ...kiiErrors(400, 404, 413, 415, 429, 503) },
    },
  }, async (request) => {
    const credentials = appCredentials(request);
    return issueToken(request, credentials.appId, credentials.appKey, request.body);
  });

  app.post('/apps/:appID/oauth2/token', {
    preValidation: requireContentType(JSON_TYPE),
    schema: {
      operationId: 'kiiCreateAppToken', tags: ['kii'], summary: 'Log in (Kii REST form): app from Authorization: Basic base64(appID:appKey)',
      description, params: AppIdParams, body: TokenRequest, response: { 200: TokenResponse, ...kiiErrors(400, 404, 413, 415, 429, 503) },
    },
  }, async (request) => {
    const credentials = appCredentials(request);
    if (credentials.appId !== request.params.appID) throw notFound('tenant');
    return issueToken(request, request.params.appID, credentials.appKey, request.body);
  });
};
