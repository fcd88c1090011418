import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { UserActor } from '../../../../../core/authorization/actor.js';
import { requireAdmin } from '../../../../../core/authorization/authorize.js';
import { forbidden, isDomainError, notFound, requestInvalid } from '../../../../../core/errors.js';
import type { Ports } from '../../../../../core/ports/index.js';
import { adminSetPassword } from '../../../../../core/use-cases/admin-set-password.js';
import { authenticate } from '../../../../../core/use-cases/authenticate.js';
import { changeOwnPassword } from '../../../../../core/use-cases/change-own-password.js';
import { findKiiApplication, type KiiTenant } from '../../../../../core/use-cases/find-kii-application.js';
import { getUserByEmail } from '../../../../../core/use-cases/get-user-by-email.js';
import { getUserByUsername } from '../../../../../core/use-cases/get-user-by-username.js';
import { getCurrentUser, getUser } from '../../../../../core/use-cases/get-user.js';
import { isReservedUsername } from '../../../../../core/users/user-input.js';
import { emailKey, usernameKey } from '../../../../../core/users/user.js';
import type { UserView } from '../../../../../core/users/user-view.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requestContext } from '../../../plugins/request-context.js';
import { bearerToken } from '../auth.js';
import { CHANGE_PASSWORD_REQUEST, JSON_TYPE, requireContentType } from '../content-type.js';
import { errorContext, type KiiErrorContext } from '../error-context.js';
import { ChangePasswordRequest, Empty, kiiErrors, UserPasswordParams } from '../schemas.js';

/** How the path names the user [doc]: `me`, `LOGIN_NAME:<name>`, `EMAIL:<address>`, or a user id. */
type UserRef = { kind: 'me' } | { kind: 'id' | 'loginName' | 'email'; value: string };

function parseUserRef(segment: string): UserRef {
  if (segment === 'me') return { kind: 'me' };
  if (segment.startsWith('LOGIN_NAME:')) return { kind: 'loginName', value: segment.slice('LOGIN_NAME:'.length) };
  if (segment.startsWith('EMAIL:')) return { kind: 'email', value: segment.slice('EMAIL:'.length) };
  return { kind: 'id', value: segment };
}

const FIELD = { me: 'userID', id: 'userID', loginName: 'loginName', email: 'emailAddress' } as const;

function namesSelf(ref: UserRef, self: UserView): boolean {
  switch (ref.kind) {
    case 'me':
      return true;
    case 'id':
      return ref.value === self.id;
    case 'loginName':
      return usernameKey(ref.value) === self.usernameKey;
    case 'email':
      return self.emailKey !== null && emailKey(ref.value) === self.emailKey;
  }
}

/** The application named in the path, or null when there is none. */
async function namedApplication(ports: Ports, appId: string): Promise<KiiTenant | null> {
  try {
    return await findKiiApplication(ports, appId, null);
  } catch (error) {
    if (isDomainError(error) && error.detail.kind === 'NotFound') return null;
    throw error;
  }
}

/**
 * The caller and the application it may act in. Both are read whatever the token, and the token is
 * judged first: no token, an unknown one and another application's live one get the same answer
 * after the same reads, whether or not the named application exists. Any app id but the caller's own,
 * bound or not, gets the same refusal, and the other app is not named.
 */
async function callerInApplication(ports: Ports, request: FastifyRequest, appId: string, context: KiiErrorContext): Promise<{ actor: UserActor; tenant: KiiTenant }> {
  const [caller, application] = await Promise.allSettled([authenticate(ports, bearerToken(request)), namedApplication(ports, appId)]);
  if (caller.status === 'rejected') throw caller.reason;
  const actor = caller.value;
  context.principalId = actor.userId;
  if (application.status === 'rejected') throw application.reason;
  if (application.value?.id !== actor.tenantId) {
    context.crossApp = true;
    throw forbidden('other_tenant');
  }
  return { actor, tenant: application.value };
}

/** An administrator's lookup of the named user; the app's hidden admin user is never a target. */
async function findTarget(ports: Ports, actor: UserActor, tenantId: string, ref: Exclude<UserRef, { kind: 'me' }>): Promise<UserView> {
  const user =
    ref.kind === 'id'
      ? await getUser(ports, actor, tenantId, ref.value)
      : ref.kind === 'loginName'
        ? await getUserByUsername(ports, actor, tenantId, ref.value)
        : await getUserByEmail(ports, actor, tenantId, ref.value);
  if (isReservedUsername(user.username)) throw notFound('user');
  return user;
}

export const changePasswordRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.put('/apps/:appID/users/:userID/password', {
    preValidation: requireContentType(CHANGE_PASSWORD_REQUEST, JSON_TYPE),
    schema: {
      operationId: 'kiiChangePassword', tags: ['kii'], summary: "Change a user's password (Kii)",
      description:
        'Send "Authorization: Bearer <token>". A user token changes only its own password and must give oldPassword; an app ' +
        "admin token may omit it for another user (the password is then temporary by the tenant's default). Afterwards every " +
        "token of that user is invalid, the caller's included.",
      security: [{ bearer: [] }], params: UserPasswordParams, body: ChangePasswordRequest,
      response: { 204: Empty, ...kiiErrors(400, 401, 403, 404, 409, 413, 415, 429, 503) },
    },
  }, async (request, reply) => {
    const context = errorContext(request);
    const { appID, userID } = request.params;
    const ref = parseUserRef(userID);
    context.target = { field: FIELD[ref.kind], value: ref.kind === 'me' ? 'me' : ref.value };
    const { actor, tenant } = await callerInApplication(ports, request, appID, context);
    const audit = requestContext(request, 'kii');
    const self = await getCurrentUser(ports, actor);
    const { oldPassword, newPassword } = request.body;

    if (namesSelf(ref, self) && !isReservedUsername(self.username)) {
      context.subject = { userId: self.id, address: self.username };
      if (oldPassword === undefined) throw requestInvalid([{ pointer: '/oldPassword', problem: 'missing', detail: 'is required' }]);
      await changeOwnPassword(ports, actor, { proof: { kind: 'current-password', password: oldPassword }, newPassword, replaceSession: false }, audit);
      return reply.code(204).send();
    }
    // `me` with the app admin token names no user [doc].
    if (ref.kind === 'me') throw notFound('user');
    // Refuse non-administrators before any lookup, so a user token cannot probe which users exist.
    requireAdmin(actor, tenant.id);
    const target = await findTarget(ports, actor, tenant.id, ref);
    context.subject = { userId: target.id, address: target.username };
    await adminSetPassword(ports, actor, { tenantId: tenant.id, userId: target.id, newPassword }, audit);
    return reply.code(204).send();
  });
};
