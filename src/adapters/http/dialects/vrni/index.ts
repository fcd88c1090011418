import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from '../../http-deps.js';

/** VMware vRealize Network Insight wire format (see docs/dialects.md). */
export const vrniDialect: FastifyPluginAsync<{ deps: HttpDeps }> = async () => {};
