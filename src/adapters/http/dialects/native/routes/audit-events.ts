import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditEventType } from '../../../../../core/audit/audit-event.js';
import { listAuditEvents } from '../../../../../core/use-cases/list-audit-events.js';
import type { HttpDeps } from '../../../http-deps.js';
import { fullActor } from '../auth.js';
import { presentAuditEvent } from '../present.js';
import { AuditPage, AuditQuery } from '../schemas.js';
import { errorResponses } from './responses.js';

export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get('/audit-events', {
    schema: { operationId: 'listAuditEvents', tags: ['native'], summary: 'Audit trail, newest first (admin, auditor)', security: [{ bearer: [] }], querystring: AuditQuery, response: { 200: AuditPage, ...errorResponses(401, 403, 422) } },
  }, async (request) => {
    const actor = await fullActor(deps.ports, request);
    const { query } = request;
    const page = await listAuditEvents(deps.ports, actor, actor.tenantId, {
      userId: query.userId,
      type: query.type as AuditEventType | undefined,
      since: query.since === undefined ? undefined : new Date(query.since),
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
    return { items: page.items.map(presentAuditEvent), nextCursor: page.nextCursor };
  });
};
