import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USERNAME, bearer, capturedLogs, createTestApp, logIn, PUBLIC_URL, type TestApp } from '../../../test/support/test-app.js';
import { MAX_PARAM_LENGTH } from './http-deps.js';

/** The native problem body, exactly; the request id is the one the response header carries. */
function expectProblem(response: LightMyRequestResponse, status: number, code: string, title: string, detail: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.json()).toEqual({ type: `${PUBLIC_URL}/problems/${code}`, title, status, code, detail, requestId: response.headers['x-request-id'] });
}

/** Router errors skip every hook, so these are set by the handler itself. */
function expectSecurityHeaders(response: LightMyRequestResponse) {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  expect(response.headers['x-frame-options']).toBeDefined();
  expect(response.headers['x-request-id']).toMatch(/.+/);
}

describe('answers the app gives before or outside every dialect', () => {
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
  ] as const)('answers %s %s, outside every dialect prefix, with a native 404 problem that does not echo the request', async (method, url, echoes) => {
    const response = await t.app.inject({ method, url });
    expectProblem(response, 404, 'not_found', 'Not found', 'No such route.');
    for (const echo of echoes) expect(response.body).not.toContain(echo);
  });

  describe('errors the router raises before any dialect is chosen', () => {
    it.each(['/v1/users/%E0%A4%A', '/api/ni/settings/users/%E0%A4%A', '/%E0%A4%A?x=1'])('answers a malformed percent-encoding (%s) with a native 400 problem', async (url) => {
      const response = await t.app.inject({ url });
      expectProblem(response, 400, 'bad_request', 'Bad request', 'The request path is not valid percent-encoded UTF-8.');
      expect(response.body).not.toContain('%E0');
      expectSecurityHeaders(response);
    });

    it('answers a path segment longer than any real parameter with a native 414 problem', async () => {
      const segment = 'a'.repeat(MAX_PARAM_LENGTH + 1);
      const response = await t.app.inject({ url: `/v1/users/${segment}` });
      expectProblem(response, 414, 'uri_too_long', 'URI too long', `A path segment is longer than ${MAX_PARAM_LENGTH} characters.`);
      expect(response.body).not.toContain('aaaa');
      expectSecurityHeaders(response);
    });

    it('explains both problem types at their URIs', async () => {
      for (const code of ['bad_request', 'uri_too_long']) expect((await t.app.inject({ url: `/problems/${code}` })).statusCode).toBe(200);
    });

    it.each([
      // The longest parameter a real client sends: an e-mail address at its 254-code-point maximum,
      // every code point outside the BMP (two UTF-16 units each) but the '@'.
      ['EMAIL:<the longest address>', `EMAIL:${'\u{1F600}'.repeat(253)}@`],
      ['LOGIN_NAME:<the longest username>', `LOGIN_NAME:${'\u{1F600}'.repeat(128)}`],
    ])('routes the longest legitimate Kii user reference, %s, to the Kii dialect', async (_name, reference) => {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/apps/some-app/users/${encodeURIComponent(reference)}/password`,
        headers: { 'content-type': 'application/json' },
        payload: { oldPassword: 'an old passphrase here', newPassword: 'a new passphrase here' },
      });
      expect(response.statusCode, response.body).not.toBe(414);
      expect(response.headers['content-type']).toMatch(/^application\/vnd\.kii\./);
    });
  });
});

describe('logging an internal failure', () => {
  it("logs the error's message and code along its cause chain, never the properties a driver attached", async () => {
    const t = await createTestApp({ logLevel: 'error' });
    const token = await logIn(t.app, ADMIN_USERNAME, ADMIN_PASSWORD);
    const logStart = capturedLogs.length;
    const driverError = Object.assign(new Error('connection reset while reading sessions'), { code: 'ECONNRESET', parameters: ['SECRET-parameter'], password: 'SECRET-password' });
    t.ports.sessions = { ...t.ports.sessions, getWithUser: async () => { throw new Error('session lookup failed', { cause: driverError }); } };
    const response = await t.app.inject({ url: '/v1/me', headers: bearer(token) });
    await t.close();
    expect(response.statusCode).toBe(500);
    const logs = capturedLogs.slice(logStart).join('');
    expect(logs).toContain('session lookup failed');
    expect(logs).toContain('connection reset while reading sessions');
    expect(logs).toContain('ECONNRESET');
    expect(logs).not.toContain('SECRET-');
  });
});
