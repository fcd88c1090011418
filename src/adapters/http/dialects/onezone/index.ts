import type { FastifyPluginAsync } from 'fastify';
import type { HttpDeps } from '../../http-deps.js';

/** Onedata Onezone wire format (see docs/dialects.md). */
export const onezoneDialect: FastifyPluginAsync<{ deps: HttpDeps }> = async () => {};
