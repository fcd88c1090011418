import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isDomainError, requestInvalid } from '../../../../../core/errors.js';
import { DEFAULT_TENANT_ID } from '../../../../../core/tenants/tenant.js';
import { signIn } from '../../../../../core/use-cases/sign-in.js';
import { signOut } from '../../../../../core/use-cases/sign-out.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requestContext } from '../../../plugins/request-context.js';
import { localUsername, networkInsightToken, vrniActor } from '../auth.js';
import { apiErrors, Empty, TokenRequest, TokenResponse } from '../schemas.js';

/** The product documents a 5-hour token lifetime. */
export const VRNI_TOKEN_TTL_SECONDS = 5 * 3600;

export const authTokenRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.post('/auth/token', {
    schema: {
      operationId: 'vrniCreateToken', tags: ['vrni'], summary: 'Log in (vRNI): returns a token valid for 5 hours',
      body: TokenRequest, response: { 200: TokenResponse, ...apiErrors(400, 401, 413, 415, 429, 503) },
    },
  }, async (request) => {
    const domainType = request.body.domain?.domain_type;
    if (domainType !== undefined && domainType.toUpperCase() !== 'LOCAL') {
      throw requestInvalid([{ pointer: '/domain/domain_type', problem: 'format', detail: 'must be LOCAL: only local users are supported' }]);
    }
    const result = await signIn(
      ports,
      { tenantId: DEFAULT_TENANT_ID, username: localUsername(request.body.username), password: request.body.password, sessionTtlSeconds: VRNI_TOKEN_TTL_SECONDS },
      requestContext(request, 'vrni'),
    );
    return { token: result.token, expiry: result.session.expiresAt.getTime() };
  });

  app.delete('/auth/token', {
    schema: {
      operationId: 'vrniDeleteToken', tags: ['vrni'], summary: 'Log out (vRNI): revokes the presented token',
      description: 'Send "Authorization: NetworkInsight <token>". Idempotent: a well-formed token that is already expired or revoked also gets 204.',
      response: { 204: Empty, ...apiErrors(401) },
    },
  }, async (request, reply) => {
    const token = networkInsightToken(request);
    try {
      const actor = await vrniActor(ports, request);
      await signOut(ports, actor, requestContext(request, 'vrni'));
    } catch (error) {
      // Log-out is idempotent for a token that is no longer live. The official SDK's flow is log in,
      // change the password, log out; the change revokes every session of the user, the caller's
      // included, so the final log-out presents a dead token and must not fail the script. The answer
      // is the same for every well-formed token, so it tells nothing about which tokens are live (a
      // live token of another tenant included: it is not signed out).
      // A missing or malformed Authorization header is still 401.
      if (!(token !== null && isDomainError(error) && error.detail.kind === 'Unauthenticated')) throw error;
    }
    return reply.code(204).send(undefined);
  });
};
