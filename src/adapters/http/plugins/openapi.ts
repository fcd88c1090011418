import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/**
 * OpenAPI 3.1 built from the route schemas of every dialect, at /openapi.json, rendered at /docs.
 * Registered before the dialects so their routes are collected.
 */
type OpenApiOptions = { publicUrl: string; version: string };

export const openApi = fp<OpenApiOptions>(async (app, options) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'passwarden',
        version: options.version,
        description: 'Password service: log-in, password change, policy and audit, plus the wire formats of four existing products.',
      },
      servers: [{ url: options.publicUrl }],
      tags: [
        { name: 'native', description: "passwarden's own API (v1)" },
        { name: 'vrni', description: 'VMware vRealize Network Insight wire format' },
        { name: 'onezone', description: 'Onedata Onezone wire format' },
        { name: 'unified-assurance', description: 'Oracle Communications Unified Assurance wire format' },
        { name: 'kii', description: 'Kii Cloud wire format' },
        { name: 'service', description: 'Health and documentation' },
      ],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: false, uiConfig: { url: '/openapi.json' } });
});
