import type { FastifyError } from 'fastify';
import { isDomainError, requestInvalid, type DomainErrorDetail } from '../../../core/errors.js';
import { MALFORMED_BODY_CODES, toFieldErrors } from '../validation/schema-errors.js';

/**
 * Sorts anything a route can throw into what every dialect must answer: a domain error (including
 * request-shape failures turned into RequestInvalid), a transport refusal, or an internal failure.
 */
export type ClassifiedError =
  | { kind: 'domain'; detail: DomainErrorDetail }
  | { kind: 'malformed_body' }
  | { kind: 'payload_too_large' }
  | { kind: 'unsupported_media_type' }
  | { kind: 'internal'; error: unknown };

export function classifyError(error: unknown): ClassifiedError {
  if (isDomainError(error)) return { kind: 'domain', detail: error.detail };
  const fastifyError = error as Partial<FastifyError> | null;
  if (fastifyError && typeof fastifyError === 'object') {
    if (fastifyError.validation) {
      return { kind: 'domain', detail: requestInvalid(toFieldErrors(fastifyError.validation, fastifyError.validationContext ?? 'body')).detail };
    }
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { kind: 'payload_too_large' };
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { kind: 'unsupported_media_type' };
    if (fastifyError.code !== undefined && MALFORMED_BODY_CODES.has(fastifyError.code)) return { kind: 'malformed_body' };
    // secure-json-parse refuses __proto__ / constructor.prototype keys with a SyntaxError (status 400).
    if (fastifyError.statusCode === 400 && (error instanceof SyntaxError || fastifyError.name === 'SyntaxError')) return { kind: 'malformed_body' };
  }
  return { kind: 'internal', error };
}
