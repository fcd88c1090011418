import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { importUsers, type ImportRowResult } from '../../../../../core/use-cases/import-users.js';
import { requestContext } from '../../../plugins/request-context.js';
import type { HttpDeps } from '../../../http-deps.js';
import { requireAdmin } from '../../../../../core/authorization/authorize.js';
import { fullActor } from '../auth.js';
import { toNativeWire } from '../errors.js';
import { ImportUsersBody, ImportUsersResult } from '../schemas.js';
import { errorResponses } from './responses.js';

/**
 * Imports are admin-only and carry up to 1000 rows, so this one route takes bodies up to 1 MiB; the
 * 16 KiB limit stays for every other route. The caller is authenticated and checked for the admin role
 * before the body is read, so only an administrator can make the service read a large body.
 */
export const IMPORT_BODY_LIMIT_BYTES = 1024 * 1024;

function presentRow(row: ImportRowResult) {
  if (row.status !== 'failed') return row;
  const wire = toNativeWire(row.error);
  return { index: row.index, username: row.username, status: row.status, error: { code: wire.code, detail: wire.detail, ...(wire.extra ?? {}) } };
}

export const userImportRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const { ports } = deps;
  // Fastify reads `::` as a literal colon: POST /v1/users:import.
  app.post('/users::import', {
    bodyLimit: IMPORT_BODY_LIMIT_BYTES,
    onRequest: async (request) => {
      const actor = await fullActor(ports, request);
      requireAdmin(actor, actor.tenantId);
    },
    schema: {
      operationId: 'importUsers', tags: ['native'], security: [{ bearer: [] }],
      summary: 'Import users with stored hashes or plaintext passwords (admin); per-row results, existing usernames skipped',
      body: ImportUsersBody, response: { 200: ImportUsersResult, ...errorResponses(401, 403, 413, 415, 422) },
    },
  }, async (request) => {
    const actor = await fullActor(ports, request);
    const result = await importUsers(ports, actor, { tenantId: actor.tenantId, rows: request.body.users }, requestContext(request, 'native'));
    return { ...result, results: result.results.map(presentRow) };
  });
};
