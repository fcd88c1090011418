import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adminSetPassword } from '../../../../../core/use-cases/admin-set-password.js';
import { createUser } from '../../../../../core/use-cases/create-user.js';
import { deleteUser } from '../../../../../core/use-cases/delete-user.js';
import { expirePassword } from '../../../../../core/use-cases/expire-password.js';
import { getUser } from '../../../../../core/use-cases/get-user.js';
import { listUsers } from '../../../../../core/use-cases/list-users.js';
import { revokeUserSessions } from '../../../../../core/use-cases/revoke-user-sessions.js';
import { unlockUser } from '../../../../../core/use-cases/unlock-user.js';
import { updateUser } from '../../../../../core/use-cases/update-user.js';
import { requestContext } from '../../../plugins/request-context.js';
import type { HttpDeps } from '../../../http-deps.js';
import { fullActor } from '../auth.js';
import { presentUser } from '../present.js';
import { AdminSetPasswordBody, CreateUserBody, ListUsersQuery, UpdateUserBody, User, UserIdParams, UserPage } from '../schemas.js';
import { errorResponses } from './responses.js';

const security = [{ bearer: [] }];
const noContent = { 204: { type: 'null' } };

/** Administration of the caller's own tenant; every lookup is scoped to it. */
export const userRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, 'native');

  app.post('/users', {
    schema: { operationId: 'createUser', tags: ['native'], summary: 'Create a user (admin)', security, body: CreateUserBody, response: { 201: User, ...errorResponses(401, 403, 409, 413, 415, 422, 503) } },
  }, async (request, reply) => {
    const actor = await fullActor(ports, request);
    const user = await createUser(ports, actor, { tenantId: actor.tenantId, ...request.body }, ctx(request));
    return reply.code(201).header('location', `/v1/users/${encodeURIComponent(user.id)}`).send(presentUser(user));
  });

  app.get('/users', {
    schema: { operationId: 'listUsers', tags: ['native'], summary: 'List users (admin, auditor)', security, querystring: ListUsersQuery, response: { 200: UserPage, ...errorResponses(401, 403, 422) } },
  }, async (request) => {
    const actor = await fullActor(ports, request);
    const page = await listUsers(ports, actor, { tenantId: actor.tenantId, limit: request.query.limit ?? 50, cursor: request.query.cursor, q: request.query.q });
    return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
  });

  app.get('/users/:id', {
    schema: { operationId: 'getUser', tags: ['native'], summary: 'Read a user (admin, auditor)', security, params: UserIdParams, response: { 200: User, ...errorResponses(401, 403, 404) } },
  }, async (request) => {
    const actor = await fullActor(ports, request);
    return presentUser(await getUser(ports, actor, actor.tenantId, request.params.id));
  });

  app.patch('/users/:id', {
    schema: { operationId: 'updateUser', tags: ['native'], summary: 'Edit a user (admin)', security, params: UserIdParams, body: UpdateUserBody, response: { 200: User, ...errorResponses(401, 403, 404, 409, 413, 415, 422) } },
  }, async (request) => {
    const actor = await fullActor(ports, request);
    return presentUser(await updateUser(ports, actor, { tenantId: actor.tenantId, userId: request.params.id, ...request.body }, ctx(request)));
  });

  app.delete('/users/:id', {
    schema: { operationId: 'deleteUser', tags: ['native'], summary: 'Delete a user (admin)', security, params: UserIdParams, response: { ...noContent, ...errorResponses(401, 403, 404) } },
  }, async (request, reply) => {
    const actor = await fullActor(ports, request);
    await deleteUser(ports, actor, { tenantId: actor.tenantId, userId: request.params.id }, ctx(request));
    return reply.code(204).send(null);
  });

  app.put('/users/:id/password', {
    schema: {
      operationId: 'adminSetPassword', tags: ['native'], summary: "Set a user's password (admin; temporary by default)",
      security, params: UserIdParams, body: AdminSetPasswordBody, response: { ...noContent, ...errorResponses(401, 403, 404, 409, 413, 415, 422, 503) },
    },
  }, async (request, reply) => {
    const actor = await fullActor(ports, request);
    await adminSetPassword(ports, actor, { tenantId: actor.tenantId, userId: request.params.id, newPassword: request.body.newPassword, temporary: request.body.temporary }, ctx(request));
    return reply.code(204).send(null);
  });

  app.post('/users/:id/password-expiry', {
    schema: {
      operationId: 'expirePassword', tags: ['native'], summary: "Expire a user's password now: the next log-in may only change it; sessions are revoked (admin)",
      security, params: UserIdParams, response: { ...noContent, ...errorResponses(401, 403, 404) },
    },
  }, async (request, reply) => {
    const actor = await fullActor(ports, request);
    await expirePassword(ports, actor, { tenantId: actor.tenantId, userId: request.params.id }, ctx(request));
    return reply.code(204).send(null);
  });

  app.post('/users/:id/unlock', {
    schema: { operationId: 'unlockUser', tags: ['native'], summary: 'Clear failed-attempt waits (admin)', security, params: UserIdParams, response: { ...noContent, ...errorResponses(401, 403, 404) } },
  }, async (request, reply) => {
    const actor = await fullActor(ports, request);
    await unlockUser(ports, actor, { tenantId: actor.tenantId, userId: request.params.id }, ctx(request));
    return reply.code(204).send(null);
  });

  app.delete('/users/:id/sessions', {
    schema: { operationId: 'revokeUserSessions', tags: ['native'], summary: 'Revoke every session of a user (admin)', security, params: UserIdParams, response: { ...noContent, ...errorResponses(401, 403, 404) } },
  }, async (request, reply) => {
    const actor = await fullActor(ports, request);
    await revokeUserSessions(ports, actor, { tenantId: actor.tenantId, userId: request.params.id }, ctx(request));
    return reply.code(204).send(null);
  });
};
