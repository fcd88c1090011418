import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('service routes and cross-cutting HTTP behaviour', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers /readyz with 503 when the store does not', async () => {
    const failing = await createTestApp();
    failing.store.ping = async () => {
      throw new Error('database is down');
    };
    const response = await failing.app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('database is down');
    await failing.close();
  });

  it('serves an OpenAPI 3.1 document that a real validator accepts', async () => {
    const response = await t.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/sessions', '/v1/me/password', '/v1/users/{id}/password', '/v1/audit-events', '/v1/tenants']));
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('renders the documentation page', async () => {
    const response = await t.app.inject({ url: '/docs/' });
    expect([200, 302]).toContain(response.statusCode);
    const page = response.statusCode === 302 ? await t.app.inject({ url: String(response.headers.location) }) : response;
    expect(page.body).toContain('swagger');
  });

  it('explains every problem type at its URI', async () => {
    const response = await t.app.inject({ url: '/problems/rate_limited' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Retry-After');
    expect((await t.app.inject({ url: '/problems/__proto__' })).statusCode).toBe(404);
  });

  it('sends security headers and no-store on every response, with a request id', async () => {
    const response = await t.app.inject({ url: '/v1/me' });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['x-request-id']).toMatch(/.+/);
  });

  it('keeps a safe incoming request id and replaces an unsafe one', async () => {
    const kept = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(replaced.headers['x-request-id']).not.toContain('bad id');
  });

  it('answers an unknown route with a native 404 problem', async () => {
    const response = await t.app.inject({ url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'not_found', status: 404, type: 'http://passwarden.test/problems/not_found' });
  });
});
