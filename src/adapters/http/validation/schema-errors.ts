import type { FastifySchemaValidationError } from 'fastify';
import type { FieldError } from '../../../core/errors.js';

/**
 * Turns schema failures into field errors with JSON pointers. Messages are written here rather than
 * passed through from the validator, so no library text reaches a response.
 */
export function toFieldErrors(errors: FastifySchemaValidationError[], part: string): FieldError[] {
  const prefix = part === 'body' ? '' : `/${part}`;
  return errors.map((error): FieldError => {
    const params = error.params as Record<string, unknown>;
    const at = `${prefix}${error.instancePath ?? ''}`;
    switch (error.keyword) {
      case 'required':
        return { pointer: `${at}/${String(params.missingProperty)}`, problem: 'missing', detail: 'is required' };
      case 'additionalProperties':
        return { pointer: `${at}/${String(params.additionalProperty)}`, problem: 'unknown_field', detail: 'is not a known field' };
      case 'type':
        return { pointer: at, problem: 'type', detail: `must be of type ${String(params.type)}` };
      case 'maxLength':
      case 'maxItems':
      case 'maximum':
        return { pointer: at, problem: 'too_long', detail: `must be at most ${String(params.limit)}` };
      case 'minLength':
      case 'minItems':
      case 'minimum':
        return { pointer: at, problem: 'too_short', detail: `must be at least ${String(params.limit)}` };
      case 'enum':
        return { pointer: at, problem: 'format', detail: `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
      default:
        return { pointer: at, problem: 'format', detail: 'has an invalid format' };
    }
  });
}

/** Fastify's own errors for bodies it could not read, by code. */
export const MALFORMED_BODY_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY', 'FST_ERR_CTP_INVALID_CONTENT_LENGTH']);
