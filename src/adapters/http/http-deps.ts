import type { Logger } from 'pino';
import type { Ports } from '../../core/ports/index.js';

/** What the HTTP adapter needs from the composition root. */
export interface HttpDeps {
  ports: Ports;
  logger: Logger;
  /** Base of links and problem `type` URIs, without a trailing slash. */
  publicUrl: string;
  /** Resolves when the store answers (readiness). */
  ready: () => Promise<void>;
  /** Passed to Fastify: whether to believe X-Forwarded-For (behind a load balancer). */
  trustProxy: boolean | string;
}

/** Bodies over this are refused with 413 before parsing or hashing. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The longest path parameter the router lets through, in UTF-16 units of the decoded value (what the
 * router measures). The longest legitimate one is a Kii user reference `EMAIL:<address>`: an address
 * has up to 254 code points, each of which may take two units. Longer segments get 414 before routing.
 */
export const MAX_PARAM_LENGTH = 'EMAIL:'.length + 254 * 2;
