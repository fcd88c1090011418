import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from '../../http-deps.js';

/** Oracle Communications Unified Assurance wire format (see docs/dialects.md). */
export const unifiedAssuranceDialect: FastifyPluginAsync<{ deps: HttpDeps }> = async () => {};
