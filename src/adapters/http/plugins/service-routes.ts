import type { FastifyPluginAsync } from 'fastify';
import { PROBLEMS, type ProblemCode } from '../dialects/native/errors.js';

/** Health, readiness, the OpenAPI document and the pages that problem `type` URIs point to. */
export const serviceRoutes: FastifyPluginAsync<{ ready: () => Promise<void> }> = async (app, { ready }) => {
  app.get('/healthz', { schema: { tags: ['service'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['service'], summary: 'The store is reachable' } }, async (request, reply) => {
    try {
      await ready();
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get<{ Params: { code: string } }>('/problems/:code', { schema: { hide: true } }, async (request, reply) => {
    const problem = Object.hasOwn(PROBLEMS, request.params.code) ? PROBLEMS[request.params.code as ProblemCode] : undefined;
    if (!problem) return reply.code(404).type('text/plain; charset=utf-8').send('Unknown problem type.\n');
    return reply
      .type('text/plain; charset=utf-8')
      .send(`${problem.title} (HTTP ${problem.status})\n\n${problem.explanation}\n`);
  });
};
