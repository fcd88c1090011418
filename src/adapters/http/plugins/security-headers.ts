import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Security headers on every response (OWASP secure headers): helmet's set with a strict CSP, plus
 * `Cache-Control: no-store` because responses carry tokens or user data. /docs gets a CSP that lets
 * its own scripts and styles run.
 */
/**
 * What a reply that skips every hook (a router error, answered before any route is chosen) sets
 * itself: the headers that matter for a small JSON error body.
 */
export const HOOKLESS_REPLY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
});

export const securityHeaders: FastifyPluginAsync = fp(async (app) => {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/docs')) {
      reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'");
    }
    return payload;
  });
});
