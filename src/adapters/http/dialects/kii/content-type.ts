import type { FastifyReply, FastifyRequest } from 'fastify';

export const REGISTRATION_REQUEST = 'application/vnd.kii.registrationrequest+json';
export const CHANGE_PASSWORD_REQUEST = 'application/vnd.kii.changepasswordrequest+json';
export const JSON_TYPE = 'application/json';

/** Every body type the dialect parses; each route then narrows it with `requireContentType`. */
export const KII_BODY_TYPES = [JSON_TYPE, REGISTRATION_REQUEST, CHANGE_PASSWORD_REQUEST];

/** Thrown when a parsable type reaches a route that does not take it (e.g. a ChangePasswordRequest to registration). */
export class WrongContentType extends Error {
  constructor() {
    super('wrong content type for this API');
    this.name = 'WrongContentType';
  }
}

/** A preValidation hook: the request's media type (parameters ignored, any case) must be one of `allowed`. */
export function requireContentType(...allowed: string[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers['content-type'];
    if (typeof header !== 'string') return;
    const type = (header.split(';')[0] ?? '').trim().toLowerCase();
    if (!allowed.includes(type)) throw new WrongContentType();
  };
}

/**
 * Sends a JSON body under Kii's own media type, spelled exactly as Kii documents it
 * (`application/vnd.kii.UserNotFoundException+json`): as bytes, so Fastify neither lower-cases the
 * type nor appends a charset.
 */
export function sendKiiJson(reply: FastifyReply, contentType: string, body: unknown) {
  return reply.header('content-type', contentType).send(Buffer.from(JSON.stringify(body), 'utf8'));
}
