import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createTenant, getTenant, listTenants, updateTenant } from '../../../../../core/use-cases/tenants.js';
import { requestContext } from '../../../plugins/request-context.js';
import type { HttpDeps } from '../../../http-deps.js';
import { fullActor } from '../auth.js';
import { presentTenant } from '../present.js';
import { CreateTenantBody, Tenant, TenantIdParams, UpdateTenantBody } from '../schemas.js';
import { Type } from 'typebox';
import { errorResponses } from './responses.js';

const security = [{ bearer: [] }];

/** Tenant management: administrators of the default tenant only (auditors there may read). */
export const tenantRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;

  app.post('/tenants', {
    schema: { operationId: 'createTenant', tags: ['native'], summary: 'Create a tenant (optionally bound to a Kii application)', security, body: CreateTenantBody, response: { 201: Tenant, ...errorResponses(401, 403, 409, 413, 415, 422, 503) } },
  }, async (request, reply) => {
    const actor = await fullActor(ports, request);
    const tenant = await createTenant(ports, actor, request.body, requestContext(request, 'native'));
    return reply.code(201).header('location', `/v1/tenants/${tenant.id}`).send(presentTenant(tenant));
  });

  app.get('/tenants', {
    schema: { operationId: 'listTenants', tags: ['native'], summary: 'List tenants', security, response: { 200: Type.Object({ items: Type.Array(Tenant) }), ...errorResponses(401, 403) } },
  }, async (request) => {
    const actor = await fullActor(ports, request);
    return { items: (await listTenants(ports, actor)).map(presentTenant) };
  });

  app.get('/tenants/:id', {
    schema: { operationId: 'getTenant', tags: ['native'], summary: 'Read a tenant', security, params: TenantIdParams, response: { 200: Tenant, ...errorResponses(401, 403, 404) } },
  }, async (request) => {
    const actor = await fullActor(ports, request);
    return presentTenant(await getTenant(ports, actor, request.params.id));
  });

  app.patch('/tenants/:id', {
    schema: { operationId: 'updateTenant', tags: ['native'], summary: 'Rename a tenant or change its policy', security, params: TenantIdParams, body: UpdateTenantBody, response: { 200: Tenant, ...errorResponses(401, 403, 404, 413, 415, 422) } },
  }, async (request) => {
    const actor = await fullActor(ports, request);
    return presentTenant(await updateTenant(ports, actor, { id: request.params.id, ...request.body }, requestContext(request, 'native')));
  });
};
