import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PUBLIC_URL, type TestApp } from '../../../test/support/test-app.js';

/** The native problem body, exactly; the request id is the one the response header carries. */
function expectProblem(response: LightMyRequestResponse, status: number, code: string, title: string, detail: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.json()).toEqual({ type: `${PUBLIC_URL}/problems/${code}`, title, status, code, detail, requestId: response.headers['x-request-id'] });
}

describe('requests outside every dialect', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ logLevel: 'silent' });
  });
  afterAll(async () => t.close());

  it.each([
    ['GET', '/nothing?x=<script>alert(1)</script>', ['nothing', 'script', 'alert']],
    // /healthz and /readyz exist for GET only.
    ['POST', '/healthz', ['healthz', 'POST']],
    ['DELETE', '/readyz', ['readyz', 'DELETE']],
  ] as const)('answers %s %s with a native 404 problem that does not echo the request', async (method, url, echoes) => {
    const response = await t.app.inject({ method, url });
    expectProblem(response, 404, 'not_found', 'Not found', 'No such route.');
    for (const echo of echoes) expect(response.body).not.toContain(echo);
  });
});
