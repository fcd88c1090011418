import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { PUBLIC_URL } from '../../../../test/support/test-app.js';

export type HeaderExpectation = string | RegExp | null;

/** The exact answer: status, the headers named (null: must be absent), and the body. */
export type Expected = { status: number; headers?: Record<string, HeaderExpectation> } & (
  | { /** Exact JSON once volatile values are replaced by VOLATILE. */ body: unknown }
  | { empty: true }
);

/** A scenario that cannot be expressed in a dialect's wire format, and why. */
export interface NotApplicable {
  notApplicable: string;
}

export const isApplicable = (cell: Expected | NotApplicable): cell is Expected => !('notApplicable' in cell);

/** Stands for a value that differs on every run (a token, a time, a request id, a derived id). */
export const VOLATILE = '<volatile>';

const TOKEN = /^[A-Za-z0-9_-]{43,}$/;
const ID = /^[A-Za-z0-9_-]{16,}$/;
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** Keys whose values are volatile, each with the form the value must still have. */
const VOLATILE_KEYS: Record<string, (value: unknown) => boolean> = {
  requestId: (value) => typeof value === 'string' && value.length > 0,
  token: (value) => typeof value === 'string' && TOKEN.test(value),
  expiresAt: (value) => typeof value === 'string' && RFC3339.test(value),
  expiry: (value) => Number.isInteger(value),
  UserID: (value) => Number.isInteger(value) && (value as number) > 0,
  // Kii names users by id in its errors; 'anonymous' (no token) is not an id and stays.
  principalID: (value) => typeof value === 'string' && ID.test(value),
  authenticatedPrincipalID: (value) => typeof value === 'string' && ID.test(value),
};

/** Replaces well-formed volatile values by VOLATILE; a malformed one is left as is, so it shows in the diff. */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key, VOLATILE_KEYS[key]?.(entry) ? VOLATILE : normalise(entry)]),
  );
}

/** Headers every answer is checked for unless the cell names them. */
const DEFAULT_HEADERS: Record<string, HeaderExpectation> = {
  'cache-control': 'no-store',
  'retry-after': null,
  'www-authenticate': null,
  'set-cookie': null,
};

export function expectResponse(response: LightMyRequestResponse, expected: Expected) {
  const headers: Record<string, HeaderExpectation> = { ...DEFAULT_HEADERS, ...('empty' in expected ? { 'content-type': null } : {}), ...expected.headers };
  const actual = {
    status: response.statusCode,
    body: 'empty' in expected ? response.body : normalise(response.body === '' ? undefined : response.json()),
  };
  expect(actual).toEqual({ status: expected.status, body: 'empty' in expected ? '' : expected.body });
  for (const [name, want] of Object.entries(headers)) {
    const got = response.headers[name];
    if (want === null) expect(got, `header ${name}`).toBeUndefined();
    else if (want instanceof RegExp) expect(String(got), `header ${name}`).toMatch(want);
    else expect(got, `header ${name}`).toBe(want);
  }
}

// What each dialect's answers look like, so table cells state only what differs.

const JSON_TYPE = 'application/json; charset=utf-8';
const withType = (type: string, headers: Record<string, HeaderExpectation>) => ({ 'content-type': type, ...headers });

/** RFC 9457 problem of the native API. */
export function problem(status: number, code: string, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, HeaderExpectation> = {}): Expected {
  return {
    status,
    headers: withType('application/problem+json; charset=utf-8', headers),
    body: { type: `${PUBLIC_URL}/problems/${code}`, title, status, code, detail, requestId: VOLATILE, ...extra },
  };
}

/** vRNI ApiError: `code` is the status, at the top and in every detail. */
export function apiError(status: number, message: string, details: Array<[message: string, target: string[]]>, headers: Record<string, HeaderExpectation> = {}): Expected {
  return {
    status,
    headers: withType(JSON_TYPE, headers),
    body: { code: status, message, details: details.map(([detailMessage, target]) => ({ code: status, message: detailMessage, target })) },
  };
}

/** vRNI ApiError whose one detail repeats the message. */
export const apiErrorSingle = (status: number, message: string, target: string[], headers: Record<string, HeaderExpectation> = {}) =>
  apiError(status, message, [[message, target]], headers);

/** Onezone's `{"error":{id,description,details?}}`. */
export function onezoneError(status: number, id: string, description: string, details?: Record<string, unknown>, headers: Record<string, HeaderExpectation> = {}): Expected {
  return { status, headers: withType(JSON_TYPE, headers), body: { error: { id, description, ...(details ? { details } : {}) } } };
}

/** Onezone's 401 wrapper around why presented credentials were refused. */
export const onezoneAuthError = (id: string, description: string, headers: Record<string, HeaderExpectation> = {}) =>
  onezoneError(401, 'unauthorized', 'Provided authentication is not valid (see details).', { authError: { id, description } }, headers);

/** Unified Assurance failure envelope. */
export function uaFailure(status: number, message: string, errors: Array<Record<string, string>> = [], headers: Record<string, HeaderExpectation> = {}): Expected {
  return { status, headers: withType(JSON_TYPE, headers), body: { success: false, message, errors } };
}

/** Kii error under its own media type, spelt as Kii documents it (no charset). */
export function kiiError(status: number, type: string, body: Record<string, unknown>, headers: Record<string, HeaderExpectation> = {}): Expected {
  return { status, headers: withType(`application/vnd.kii.${type}+json`, headers), body };
}

export const EMPTY = (status: number, headers: Record<string, HeaderExpectation> = {}): Expected => ({ status, headers, empty: true });
export { JSON_TYPE };
